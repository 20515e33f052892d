using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Runs an <see cref="IncrementalFeed"/>: a pass from the watermark less the overlap (or over a
/// backfill window), page by page. Rows are buffered and stored in the background while the next
/// pages are fetched; the checkpoint (resume point, pass bounds, watermark) moves only after the
/// rows it covers are stored, so a crash never skips records and a re-run only repeats idempotent writes.
/// A record that cannot be stored is quarantined before the checkpoint passes it; the rest go on.
/// A stored resume cursor the upstream no longer knows (expired) restarts the pass from its beginning.
/// </summary>
public sealed class IncrementalStream(
    HubStorage storage, CheckpointStore checkpoints, DossierStaging staging, ReconcileStateStore reconcileState,
    IOptions<SyncOptions> options, TimeProvider time)
{
    private SyncOptions O => options.Value;

    public async Task<StreamResult> RunAsync(IncrementalFeed feed, StreamContext context, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetAsync(StreamKey(feed.Stream, context.Window), cancellationToken);
        var writer = await WriterAsync(checkpoint, context, cancellationToken);
        if (checkpoint.Resume is null) (checkpoint.PassFrom, checkpoint.PassTo) = feed.NewPass(checkpoint, context.Window, time.GetUtcNow());
        var cursor = checkpoint.Resume;
        var guard = new PagingGuard(feed.Stream, O.MaxPagesPerRun);
        while (true)
        {
            FeedPage page;
            try
            {
                page = await feed.FetchAsync(checkpoint, cursor, context.Window, cancellationToken);
            }
            catch (CursorRefusedException) when (cursor is not null && cursor == checkpoint.Resume && context.Pages == 0)
            {
                // The cursor the last run stopped at is no longer known upstream (expired): this pass
                // starts again from its beginning, the watermark less the overlap. What it reads again
                // is merged again, changing nothing.
                checkpoint.Resume = cursor = null;
                continue;
            }
            guard.Check(cursor, page.Next);
            // The first page's upstream clock bounds a pass left open: anything changed later is seen by the next pass.
            checkpoint.PassTo ??= PassEnd(page.AsOf, time.GetUtcNow());
            await context.PageAsync(page.Raw, cancellationToken);
            await context.QuarantineAsync(page.Rejected, cancellationToken);
            foreach (var row in page.Rows)
            {
                writer.Add(row);
                context.Records++;
            }
            cursor = page.Next;
            if (writer.Full || cursor is null)
            {
                await context.EnsureLeaseAsync(cancellationToken);
                await writer.FlushAsync(cancellationToken);
                checkpoint.Resume = cursor;
                if (cursor is null)
                {
                    // A backfill leaves the watermark where the regular passes have it.
                    if (context.Window is null) checkpoint.Watermark = checkpoint.PassTo;
                    checkpoint.PassFrom = checkpoint.PassTo = null;
                }
                await context.EnsureLeaseAsync(cancellationToken);
                await checkpoints.SaveAsync(checkpoint, cancellationToken);
            }
            if (cursor is null) break;
        }
        return new StreamResult(feed.Stream, Outcomes.Succeeded, context.Records, context.Pages, Quarantined: context.Quarantined);
    }

    /// <summary>
    /// A first pass or a backfill stages its records and asks for a full reconciliation, which writes
    /// each dossier once. So does any pass while a full reconciliation is pending: staged records are
    /// applied in order, so none may be overtaken by a direct merge of the same feed.
    /// </summary>
    private async Task<DossierWriter> WriterAsync(Checkpoint checkpoint, StreamContext context, CancellationToken cancellationToken)
    {
        var mode = DossierWriteMode.MergeAndMark;
        if (checkpoint.Watermark is null || context.Window is not null || await reconcileState.IsFullPendingAsync(cancellationToken))
        {
            await reconcileState.RequestFullAsync(cancellationToken);
            mode = DossierWriteMode.Stage;
        }
        return new DossierWriter(storage, staging, mode, context.Stream, context.Run.Id, O);
    }

    /// <summary>How far an upstream's clock may run ahead of the hub's before it is not believed.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The end of a pass: the upstream's clock, but never past the hub's own plus <see cref="MaxClockSkew"/>.
    /// A watermark taken from an upstream clock set in the future would make every later pass
    /// start after the records changed meanwhile, and sync nothing.
    /// </summary>
    public static DateTimeOffset? PassEnd(DateTimeOffset? upstreamClock, DateTimeOffset now) =>
        upstreamClock is { } asOf && asOf > now + MaxClockSkew ? now : upstreamClock;

    /// <summary>The checkpoint of a stream: its own for regular passes, one per backfill window.</summary>
    public static string StreamKey(string stream, SyncWindow? window) =>
        window is null ? stream : $"{stream}@{window.From.UtcTicks}-{window.To.UtcTicks}";
}
