using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine;

/// <summary>What the CLI runs in its own process: sources (in parallel: one failing does not stop the others), then reconciliation.</summary>
public sealed class HubRunner(SyncService sync, ReconcileService reconcile, HubStorage storage, LeaseStore leases, Runs.RunRequests requests,
    Microsoft.Extensions.Options.IOptions<ReconciliationOptions> reconciliation, Microsoft.Extensions.Options.IOptions<SyncOptions> syncOptions, TimeProvider time)
{
    /// <summary>Throws <see cref="ArgumentException"/> with the reason if a backfill window may not be run (<see cref="SyncWindow.Refusal"/>).</summary>
    private void CheckWindow(SyncWindow? window)
    {
        if (window?.Refusal(reconciliation.Value.PeriodStart, time.GetUtcNow(), syncOptions.Value.MaxBackfill) is { } refusal)
        {
            throw new ArgumentException(refusal);
        }
    }

    /// <summary>
    /// Syncs the sources, then reconciles. Without <paramref name="wait"/> a source whose run is
    /// already in progress, or requested through the run queue and not ended, is skipped (null run);
    /// with it, the source waits, bounded, for that run to end or its lease to lapse, and reports
    /// what it waits for. <paramref name="acceptShrink"/>:
    /// an admin accepts snapshot lists that lost more than the allowed share of their rows.
    /// </summary>
    public async Task<HubRunResult> SyncAsync(IReadOnlyList<string> sources, SyncWindow? window, IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken, bool reconcileAfter = true, LeaseWait? wait = null, bool acceptShrink = false)
    {
        CheckWindow(window);
        await storage.EnsureCreatedAsync(cancellationToken);
        var runs = await Task.WhenAll(sources.Select(async source => (source,
            await WaitingAsync(LeaseStore.SyncLease(source), source, async () =>
                // A queued request keeps its source: running it here would leave the queued run waiting for the lease.
                await requests.QueuedOrRunningAsync(source, cancellationToken) is null ? await sync.RunAsync(source, window, progress, cancellationToken, acceptShrink) : null,
                wait, cancellationToken))));
        var reconciled = reconcileAfter
            ? await WaitingAsync(LeaseStore.ReconcileLease, Sources.Reconcile, () => reconcile.RunAsync(forceFull: false, cancellationToken), wait, cancellationToken)
            : null;
        return new HubRunResult(runs, reconciled);
    }

    private async Task<RunRecord?> WaitingAsync(string lease, string what, Func<Task<RunRecord?>> attempt, LeaseWait? wait, CancellationToken cancellationToken)
    {
        // Leases expire on the machine's clock (LeaseStore), whatever clock the hub's data follows,
        // so the wait is measured on it too.
        var deadline = TimeProvider.System.GetUtcNow() + (wait?.Limit ?? TimeSpan.Zero);
        while (true)
        {
            if (await attempt() is { } run) return run;
            if (wait is null) return null;
            var holder = await leases.CurrentAsync(lease, cancellationToken);
            var queued = what == Sources.Reconcile ? null : await requests.QueuedOrRunningAsync(what, cancellationToken);
            if (TimeProvider.System.GetUtcNow() >= deadline)
            {
                wait.Report($"{what}: gave up after {wait.Limit.TotalSeconds:F0} s; " + (holder is not null
                    ? $"run {holder.Holder} still holds its lease."
                    : $"run {queued ?? "(just ended)"} still holds the source (requested through the run queue)."));
                return null;
            }
            wait.Report(queued is not null && holder is null
                ? $"{what}: waiting for run {queued}, requested through the run queue (it ends once a worker has run it)."
                : holder is null
                ? $"{what}: the previous run just ended; starting."
                : $"{what}: waiting for run {holder.Holder}, which holds the lease until {holder.Expires:HH:mm:ss} UTC (it ends, or the lease lapses if its process died).");
            await Task.Delay(wait.Poll, cancellationToken);
        }
    }
}
