using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// An agency's status: each source's connection (from the latest runs and the feeds' watermarks),
/// its LGSP applications, the data services it owns or consumes with their failure share, and its
/// open findings by rule.
/// </summary>
public sealed class AgencyStatusQuery(RunStore runs, CheckpointStore checkpoints, CatalogueStore catalogue, FindingStore findings, TimeProvider time)
{
    /// <summary>The runs read to judge the sources: enough for each to show its last success and a run of failures.</summary>
    private const int RecentRuns = 300;

    /// <summary>A data service failing more than this share of its requests is Failing.</summary>
    public const double FailingShare = 0.1;

    public async Task<AgencyStatus> ReadAsync(string agencyCode, AgencyEntry? agency, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = await runs.LatestAsync(RecentRuns, cancellationToken);
        var sources = new List<SourceStatus>();
        foreach (var source in Sources.All)
        {
            var mine = recent.Where(r => r.Source == source && r.Status != Outcomes.Running && r.Status != Outcomes.Queued && r.Status != Outcomes.NotStarted).ToList();
            var lastSuccess = mine.FirstOrDefault(r => r.Status is Outcomes.Succeeded or Outcomes.Degraded);
            var lastFailure = mine.FirstOrDefault(r => r.Status == Outcomes.Failed);
            var consecutive = mine.TakeWhile(r => r.Status == Outcomes.Failed).Count();
            var watermark = source == Sources.Lgsp ? lastSuccess?.Ended
                : (await checkpoints.GetAsync(source == Sources.Motcua ? "motcua-dossiers" : "portal-dossiers", cancellationToken)).Watermark;
            sources.Add(new SourceStatus(source, SourceStates.Of(mine.FirstOrDefault()?.Status, consecutive, lastSuccess?.Ended, now), lastSuccess?.Ended,
                lastFailure is null ? null : new FailureAt(lastFailure.Ended, lastFailure.ErrorKind), consecutive,
                watermark is { } w ? (long)Math.Max(0, (now - w).TotalSeconds) : null));
        }

        var applications = (await catalogue.ReadApplicationsAsync(cancellationToken)).Where(a => a.Agency == agencyCode)
            .Select(a => new ApplicationStatus(a.Id, a.Name, a.SharesData, a.Connected, a.LastSeen, a.Connected ? "Connected" : "NotConnected"))
            .ToList();
        var services = new List<DataServiceStatus>();
        foreach (var s in await catalogue.ReadServicesAsync(cancellationToken))
        {
            var owner = s.Owner == agencyCode;
            if (!owner && !s.Consumers.Contains(agencyCode)) continue;
            var share = s.Requests == 0 ? (double?)null : Math.Round((double)s.Failures / s.Requests, 4);
            services.Add(new DataServiceStatus(s.Code, s.Name, s.Origin, s.Status, owner ? "owner" : "consumer", s.Requests, s.Failures, share,
                share is null ? "Idle" : share > FailingShare ? "Failing" : "Healthy"));
        }
        var open = await findings.OpenByRuleAsync(agencyCode, cancellationToken);
        return new AgencyStatus(new AgencyName(agencyCode, agency?.Name, agency?.Level), sources, applications, services, open);
    }
}
