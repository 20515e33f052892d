using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// A source's status row (<see cref="SourceStatusRow"/>) from its latest runs and its main feed's
/// watermark. Published by <see cref="StatusPublisher"/> when a run of the source ends.
/// </summary>
public sealed class SourceStatusRows(RunStore runs, CheckpointStore checkpoints)
{
    /// <summary>The runs read: enough for each source to show its last success and a run of failures.</summary>
    private const int RecentRuns = 300;

    public async Task<IReadOnlyList<SourceStatusRow>> BuildAsync(IEnumerable<string> sources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recent = await runs.LatestAsync(RecentRuns, cancellationToken);
        var rows = new List<SourceStatusRow>();
        foreach (var source in sources)
        {
            var row = From(source, recent, now);
            if (SourceFeeds.MainStream(source) is { } stream) row.Watermark = (await checkpoints.GetAsync(stream, cancellationToken)).Watermark;
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The facts of one source's latest finished runs, newest first in <paramref name="recent"/>; LGSP's watermark is its last success.</summary>
    public static SourceStatusRow From(string source, IEnumerable<RunRecord> recent, DateTimeOffset now)
    {
        var finished = recent.Where(r => r.Source == source && Outcomes.IsEnded(r.Status) && r.Status != Outcomes.NotStarted).ToList();
        var lastSuccess = finished.FirstOrDefault(r => r.Status is Outcomes.Succeeded or Outcomes.Degraded);
        var lastFailure = finished.FirstOrDefault(r => r.Status == Outcomes.Failed);
        return new SourceStatusRow
        {
            Source = source, Published = now, LastStatus = finished.FirstOrDefault()?.Status,
            ConsecutiveFailures = finished.TakeWhile(r => r.Status == Outcomes.Failed).Count(),
            LastSuccess = lastSuccess?.Ended, LastFailure = lastFailure?.Ended, LastFailureKind = lastFailure?.ErrorKind,
            Watermark = lastSuccess?.Ended,
        };
    }
}
