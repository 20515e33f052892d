using System.Text.Json;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// An agency's status from the Status table (<see cref="StatusPublisher"/> keeps it current): its row
/// and the sources' rows, two reads. Each source's state and data lag are judged at reading time,
/// since a success goes stale without any run ending.
/// </summary>
public sealed class AgencyStatusQuery(StatusStore status, TimeProvider time)
{
    public async Task<AgencyStatus> ReadAsync(string agencyCode, AgencyEntry? agency, CancellationToken cancellationToken)
    {
        var row = await status.ReadAgencyAsync(agencyCode, cancellationToken);
        var sources = await ReadSourcesAsync(cancellationToken);
        return new AgencyStatus(
            new AgencyName(agencyCode, row?.Name ?? agency?.Name, row?.Level ?? agency?.Level), sources,
            row is null ? [] : JsonSerializer.Deserialize<List<ApplicationStatus>>(row.Applications, JsonSerializerOptions.Web)!,
            row is null ? [] : JsonSerializer.Deserialize<List<DataServiceStatus>>(row.DataServices, JsonSerializerOptions.Web)!,
            row is null ? new SortedDictionary<string, int>(StringComparer.Ordinal)
                : new SortedDictionary<string, int>(JsonSerializer.Deserialize<Dictionary<string, int>>(row.OpenFindings)!, StringComparer.Ordinal),
            row?.Published);
    }

    /// <summary>Each source's connection, the same for every agency: its published row judged now.</summary>
    public async Task<IReadOnlyList<SourceStatus>> ReadSourcesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var published = (await status.ReadSourcesAsync(cancellationToken)).ToDictionary(s => s.Source, StringComparer.Ordinal);
        return Sources.All.Select(source => published.TryGetValue(source, out var s)
            ? new SourceStatus(source, SourceStates.Of(s.LastStatus, s.ConsecutiveFailures, s.LastSuccess, now), s.LastSuccess,
                s.LastFailure is { } failed ? new FailureAt(failed, s.LastFailureKind) : null, s.ConsecutiveFailures,
                s.Watermark is { } w ? (long)Math.Max(0, (now - w).TotalSeconds) : null)
            : new SourceStatus(source, SourceStates.Of(null, 0, null, now), null, null, 0, null)).ToList();
    }
}
