using System.Text.Json;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// Every agency's status row (<see cref="AgencyStatusRow"/>): its LGSP applications and the data
/// services it owns or consumes (with their failure share) as the catalogue is now, and its open
/// findings by rule as the reconciliation that just ended counted them. Published by
/// <see cref="StatusPublisher"/> when a reconciliation ends.
/// </summary>
public sealed class AgencyStatusRows(CatalogueStore catalogue)
{
    /// <summary>A data service failing more than this share of its requests is Failing.</summary>
    public const double FailingShare = 0.1;

    public async Task<IReadOnlyList<AgencyStatusRow>> BuildAsync(
        IReadOnlyDictionary<string, SortedDictionary<string, int>> openFindings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agencies = await catalogue.ReadAgenciesAsync(cancellationToken);
        var applications = (await catalogue.ReadApplicationsAsync(cancellationToken)).ToLookup(a => a.Agency, StringComparer.Ordinal);
        var services = await catalogue.ReadServicesAsync(cancellationToken);
        return agencies.Values.Select(a => new AgencyStatusRow
        {
            Agency = a.Code, Name = a.Name, Level = a.Level, Published = now,
            Applications = JsonSerializer.Serialize(applications[a.Code]
                .Select(x => new ApplicationStatus(x.Id, x.Name, x.SharesData, x.Connected, x.LastSeen, x.Connected ? "Connected" : "NotConnected")), JsonSerializerOptions.Web),
            DataServices = JsonSerializer.Serialize(ServicesOf(a.Code, services), JsonSerializerOptions.Web),
            OpenFindings = JsonSerializer.Serialize(openFindings.GetValueOrDefault(a.Code) ?? [], JsonSerializerOptions.Web),
        }).ToList();
    }

    public static IEnumerable<DataServiceStatus> ServicesOf(string agency, IEnumerable<ServiceRow> services)
    {
        foreach (var s in services)
        {
            var owner = s.Owner == agency;
            if (!owner && !s.Consumers.Contains(agency)) continue;
            var share = s.Requests == 0 ? (double?)null : Math.Round((double)s.Failures / s.Requests, 4);
            yield return new DataServiceStatus(s.Code, s.Name, s.Origin, s.Status, owner ? "owner" : "consumer", s.Requests, s.Failures, share,
                share is null ? "Idle" : share > FailingShare ? "Failing" : "Healthy");
        }
    }
}
