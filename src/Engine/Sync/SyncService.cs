using System.Diagnostics;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Pulls one upstream system, stream by stream, into Table Storage. Each stream keeps a checkpoint
/// that moves only after the data it covers is stored, so a crash never skips records and a re-run
/// only repeats idempotent upserts.
/// </summary>
public sealed class SyncService(
    HubStorage storage,
    CheckpointStore checkpoints,
    RunStore runs,
    LeaseStore leases,
    RawArchive archive,
    QuarantineStore quarantine,
    SourceFeeds feeds,
    IncrementalStream incremental,
    SnapshotStream snapshot,
    UpstreamStats stats,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<SyncService> logger)
{
    private SyncOptions O => options.Value;

    /// <summary>
    /// Runs one source under its lease. Returns null when a run of that source is already in
    /// progress. <paramref name="acceptShrink"/>: an admin accepts snapshot lists that lost more
    /// than the allowed share of their rows (<see cref="SyncOptions.MaxSnapshotShrink"/>).
    /// </summary>
    public async Task<RunRecord?> RunAsync(string source, SyncWindow? window, IProgress<SyncProgress>? progress, CancellationToken cancellationToken, bool acceptShrink = false)
    {
        var started = await BeginAsync(source, window, cancellationToken, acceptShrink);
        return started is null ? null : await started.ExecuteAsync(progress, cancellationToken);
    }

    /// <summary>
    /// Takes the source's lease and records the run as Running; null when a run of that source is
    /// already in progress. The caller then executes it (now, or in the background) exactly once.
    /// </summary>
    public async Task<StartedSync?> BeginAsync(string source, SyncWindow? window, CancellationToken cancellationToken, bool acceptShrink = false)
    {
        if (!Sources.IsKnown(source)) throw new ArgumentException($"Unknown source '{source}'.", nameof(source));
        var started = time.GetUtcNow();
        var run = new RunRecord { RowKey = RunStore.NewId(), Source = source, Started = started, WindowFrom = window?.From, WindowTo = window?.To };
        var lease = await leases.TryAcquireAsync(LeaseStore.SyncLease(source), run.Id, O.LeaseDuration, cancellationToken);
        if (lease is null) return null;
        try
        {
            await runs.SaveAsync(run, cancellationToken);
        }
        catch
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
            throw;
        }
        return new StartedSync(run, async (progress, ct) =>
        {
            try
            {
                await using (leases.KeepAlive(lease, O.LeaseDuration))
                {
                    return await RunLeasedAsync(run, window, acceptShrink, progress, ct);
                }
            }
            finally
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
            }
        }, async () =>
        {
            run.Status = "NotStarted";
            run.Ended = time.GetUtcNow();
            await runs.SaveAsync(run, CancellationToken.None);
            await leases.ReleaseAsync(lease, CancellationToken.None);
        });
    }

    private async Task<RunRecord> RunLeasedAsync(RunRecord run, SyncWindow? window, bool acceptShrink, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var operationsBefore = storage.Operations;
        var retriesBefore = stats.For(run.Source).Retries;
        var context = new StreamContext(run, window, progress, ArchiveAsync, acceptShrink, QuarantineAsync);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = run.Id, ["Source"] = run.Source });

        var results = new List<StreamResult>();
        foreach (var feed in feeds.For(run.Source))
        {
            var name = feed.Stream;
            context.Stream = name;
            try
            {
                results.Add(await (feed switch
                {
                    IncrementalFeed f => incremental.RunAsync(f, context, cancellationToken),
                    SnapshotFeed f => snapshot.RunAsync(f, context, cancellationToken),
                    _ => throw new NotSupportedException(feed.GetType().Name),
                }));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var kind = ErrorKinds.Classify(ex);
                logger.LogWarning(ex, "Stream {Stream} of run {RunId} failed ({ErrorKind})", name, run.Id, kind);
                results.Add(new StreamResult(name, Outcomes.Failed, context.Records, context.Pages, kind.ToString(), Describe(ex), context.Quarantined));
            }
            context.Records = 0;
            context.Pages = 0;
            context.Quarantined = 0;
        }

        run.Records = results.Sum(r => r.Records);
        run.Pages = results.Sum(r => r.Pages);
        run.Quarantined = results.Sum(r => r.Quarantined);
        run.Retries = stats.For(run.Source).Retries - retriesBefore;
        var failed = results.Where(r => r.Outcome == Outcomes.Failed).ToList();
        run.Status = failed.Count == results.Count ? Outcomes.Failed
            : failed.Count > 0 || run.Retries > 0 ? Outcomes.Degraded
            : Outcomes.Succeeded;
        run.ErrorKind = failed.FirstOrDefault()?.ErrorKind;
        run.Error = failed.Count > 0 ? string.Join("; ", failed.Select(f => $"{f.Stream}: {f.Error}")) : null;
        run.Streams = RunStore.StreamsJson(results);
        run.Ended = time.GetUtcNow();
        run.DurationMs = watch.ElapsedMilliseconds;
        run.StorageOperations = storage.Operations - operationsBefore;
        await runs.SaveAsync(run, CancellationToken.None);
        var mainStream = SourceFeeds.MainStream(run.Source);
        var watermark = mainStream is null ? (run.Status == Outcomes.Failed ? null : run.Ended) : (await checkpoints.GetAsync(mainStream, CancellationToken.None)).Watermark;
        Telemetry.HubMetrics.SyncEnded(run, results,
            (int)stats.For(run.Source).Circuit switch { 0 => 0, 1 => 1, 2 => 2, _ => 1 },
            watermark is { } w ? Math.Max(0, (time.GetUtcNow() - w).TotalSeconds) : null);
        logger.LogInformation("Sync {Source} run {RunId}: {Status}, {Records} records in {Pages} pages, {Retries} retries, {DurationMs} ms",
            run.Source, run.Id, run.Status, run.Records, run.Pages, run.Retries, run.DurationMs);
        return run;
    }

    // Messages of upstream and storage errors can be long; keep the first line, and never a body.
    private static string Describe(Exception ex)
    {
        var message = ex.Message.Split('\n')[0];
        return message.Length > 300 ? message[..300] : message;
    }

    /// <summary>Records that cannot be stored: kept with their reasons, counted, logged; the rest of the page goes on.</summary>
    private async Task QuarantineAsync(StreamContext context, IReadOnlyList<RejectedRecord> rejected, CancellationToken cancellationToken)
    {
        await quarantine.SaveAsync(context.Stream, context.Run.Id, context.Quarantined, rejected, time.GetUtcNow(), cancellationToken);
        logger.LogWarning("Stream {Stream} of run {RunId}: {Count} records quarantined, the first because {Reason}", context.Stream, context.Run.Id, rejected.Count, rejected[0].Reason);
    }

    /// <summary>Every upstream page exactly as received, for audit and replay (<c>Sync__ArchiveRawPages</c>).</summary>
    private async Task ArchiveAsync(StreamContext context, byte[]? raw, CancellationToken cancellationToken)
    {
        if (raw is not null && O.ArchiveRawPages)
        {
            await archive.SaveAsync(context.Stream, time.GetUtcNow(), context.Run.Id, context.Pages, raw, cancellationToken);
        }
    }
}
