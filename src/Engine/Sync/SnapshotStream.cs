using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Runs a <see cref="SnapshotFeed"/>: reads every page, then makes the Catalogue partition equal to
/// the list (only changed rows written, vanished ones deleted), unless the list lacks more than
/// <see cref="SyncOptions.MaxSnapshotShrink"/> of the stored rows and the run does not accept that;
/// a list with quarantined records deletes nothing. A change of a material column asks
/// the next reconciliation to re-publish the KPIs from the counters.
/// </summary>
public sealed class SnapshotStream(CatalogueStore catalogue, ReconcileStateStore reconcileState, IOptions<SyncOptions> options)
{
    public async Task<StreamResult> RunAsync(SnapshotFeed feed, StreamContext context, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string? cursor = null;
        var guard = new PagingGuard(feed.Stream, options.Value.MaxPagesPerRun);
        do
        {
            var page = await feed.FetchAsync(cursor, context.Window, cancellationToken);
            guard.Check(cursor, page.Next);
            await context.PageAsync(page.Raw, cancellationToken);
            await context.QuarantineAsync(page.Rejected, cancellationToken);
            rows.AddRange(page.Rows);
            cursor = page.Next;
        }
        while (cursor is not null);
        context.Records = rows.Count;
        if (feed.BeforeWriteAsync is { } before) await before(rows, cancellationToken);
        // A list that lost too many stored rows is refused unless this run accepts it (SnapshotShrinkException).
        var maxShrink = context.AcceptShrink ? (double?)null : options.Value.MaxSnapshotShrink;
        // A list with quarantined records is not complete: its rows are written, none is deleted.
        await context.EnsureLeaseAsync(cancellationToken);
        var (_, changed) = await catalogue.WriteSnapshotAsync(feed.Partition, rows, feed.Material, maxShrink, options.Value.WriteParallelism, cancellationToken,
            deleteMissing: context.Quarantined == 0);
        // Procedure flags select which procedures' activity a KPI counts, an agency's level the
        // level scope its counters roll up into: both are applied when KPIs are published, so the
        // counters are re-published and no dossier is read.
        if (feed.Material.Count > 0 && changed.Count > 0) await reconcileState.RequestRepublishAsync(cancellationToken);
        return new StreamResult(feed.Stream, Outcomes.Succeeded, context.Records, context.Pages, Quarantined: context.Quarantined);
    }
}
