using System.Text.Json;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// Every agency's line for one period (<see cref="AgencyOverview"/>), in two queries whatever the number
/// of agencies: the agencies' status rows (<see cref="StatusPublisher"/>) and the period's KPI rows.
/// </summary>
public sealed class AgencyOverviewQuery(StatusStore status, KpiStore kpis)
{
    public async Task<IReadOnlyList<AgencyOverview>> ReadAsync(IEnumerable<AgencyEntry> agencies, string period, CancellationToken cancellationToken)
    {
        var rows = (await status.ReadAgenciesAsync(cancellationToken)).ToDictionary(r => r.Agency, StringComparer.Ordinal);
        var ofPeriod = (await kpis.ReadPeriodAsync(period, cancellationToken)).ToLookup(k => k.Scope, StringComparer.Ordinal);

        return agencies.OrderBy(a => a.Code, StringComparer.Ordinal).Select(a =>
        {
            var row = rows.GetValueOrDefault(a.Code);
            var applications = row is null ? [] : JsonSerializer.Deserialize<List<ApplicationStatus>>(row.Applications, JsonSerializerOptions.Web)!;
            var services = row is null ? [] : JsonSerializer.Deserialize<List<DataServiceStatus>>(row.DataServices, JsonSerializerOptions.Web)!;
            var open = row is null ? [] : JsonSerializer.Deserialize<Dictionary<string, int>>(row.OpenFindings)!;
            var mine = ofPeriod[a.Code].ToList();
            var judged = mine.Where(k => !k.Kpi.StartsWith(KpiPublisher.ScorePrefix, StringComparison.Ordinal) && k.Met is not null).ToList();
            return new AgencyOverview(a.Code, a.Name, a.Level, a.Parent, applications.Count, applications.Count(x => x.ConnectedViaLgsp),
                services.Count(s => s.Role == "owner" && s.State == "Failing"), open.Values.Sum(), judged.Count, judged.Count(k => k.Met == true),
                mine.FirstOrDefault(k => k.Kpi == KpiPublisher.ScoreTotal)?.Value);
        }).ToList();
    }
}
