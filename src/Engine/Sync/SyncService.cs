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
    Queries.StatusPublisher status,
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
    /// already in progress. The caller then executes it exactly once.
    /// </summary>
    public Task<StartedSync?> BeginAsync(string source, SyncWindow? window, CancellationToken cancellationToken, bool acceptShrink = false)
    {
        if (!Sources.IsKnown(source)) throw new ArgumentException($"Unknown source '{source}'.", nameof(source));
        var run = new RunRecord { RowKey = RunStore.NewId(), Source = source, Started = time.GetUtcNow(), WindowFrom = window?.From, WindowTo = window?.To };
        return BeginAsync(run, acceptShrink, cancellationToken);
    }

    /// <summary>
    /// Takes the lease for a run already recorded (a queued request, or one redelivered after its
    /// worker died: the same run takes its own lease again and goes on from its checkpoints). A run
    /// whose lapsed lease this one took over is marked Abandoned.
    /// </summary>
    public async Task<StartedSync?> BeginAsync(RunRecord run, bool acceptShrink, CancellationToken cancellationToken)
    {
        if (!Sources.IsKnown(run.Source)) throw new ArgumentException($"Unknown source '{run.Source}'.", nameof(run));
        var window = run.WindowFrom is { } from && run.WindowTo is { } to ? new SyncWindow(from, to) : null;
        var lease = await leases.TryAcquireAsync(LeaseStore.SyncLease(run.Source), run.Id, O.LeaseDuration, cancellationToken);
        if (lease is null) return null;
        try
        {
            if (lease.PreviousHolder is { } previous && previous != run.Id) await runs.MarkAbandonedAsync(previous, run.Id, time.GetUtcNow(), cancellationToken);
            run.Status = Outcomes.Running;
            run.Started = time.GetUtcNow();
            run.Worker = RunRecord.ThisProcess;
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
                    return await RunLeasedAsync(run, window, acceptShrink, lease, progress, ct);
                }
            }
            finally
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
            }
        });
    }

    private async Task<RunRecord> RunLeasedAsync(RunRecord run, SyncWindow? window, bool acceptShrink, Lease lease, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var operationsBefore = storage.Operations;
        var retriesBefore = stats.For(run.Source).Retries;
        var context = new StreamContext(run, window, progress, ArchiveAsync, acceptShrink, QuarantineAsync,
            ct => lease.EnsureHeldAsync(leases, O.LeaseDuration, ct));
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
            catch (LeaseLostException ex)
            {
                // Another run of this source has the lease: nothing more is written, not even the other streams.
                logger.LogWarning("Stream {Stream} of run {RunId} stopped: {Reason}", name, run.Id, ex.Message);
                results.Add(new StreamResult(name, Outcomes.Failed, context.Records, context.Pages, LeaseLost, ex.Message, context.Quarantined));
                break;
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
        run.Status = failed.Count == results.Count || lease.IsLost ? Outcomes.Failed
            : failed.Count > 0 || run.Retries > 0 ? Outcomes.Degraded
            : Outcomes.Succeeded;
        run.ErrorKind = failed.FirstOrDefault()?.ErrorKind;
        run.Error = failed.Count > 0 ? string.Join("; ", failed.Select(f => $"{f.Stream}: {f.Error}")) : null;
        run.Streams = RunStore.StreamsJson(results);
        run.Ended = time.GetUtcNow();
        run.DurationMs = watch.ElapsedMilliseconds;
        run.StorageOperations = storage.Operations - operationsBefore;
        await runs.SaveAsync(run, CancellationToken.None);
        // The source's Status row, which agencies read, follows the run it just ended.
        await status.PublishSourceAsync(run.Source, CancellationToken.None);
        var mainStream = SourceFeeds.MainStream(run.Source);
        var watermark = mainStream is null ? (run.Status == Outcomes.Failed ? null : run.Ended) : (await checkpoints.GetAsync(mainStream, CancellationToken.None)).Watermark;
        Telemetry.HubMetrics.SyncEnded(run, results,
            (int)stats.For(run.Source).Circuit switch { 0 => 0, 1 => 1, 2 => 2, _ => 1 },
            watermark is { } w ? Math.Max(0, (time.GetUtcNow() - w).TotalSeconds) : null);
        logger.LogInformation("Sync {Source} run {RunId}: {Status}, {Records} records in {Pages} pages, {Retries} retries, {DurationMs} ms",
            run.Source, run.Id, run.Status, run.Records, run.Pages, run.Retries, run.DurationMs);
        return run;
    }

    /// <summary>The error kind of a run stopped because another run took its lease over.</summary>
    public const string LeaseLost = nameof(LeaseLost);

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
