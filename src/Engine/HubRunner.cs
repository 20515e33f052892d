using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine;

/// <summary>The result of syncing several sources and reconciling: a run record each (null: that run was already in progress).</summary>
public sealed record HubRunResult(IReadOnlyList<(string Source, RunRecord? Run)> Syncs, RunRecord? Reconcile)
{
    public bool Succeeded => Syncs.All(s => s.Run?.Status is Outcomes.Succeeded or Outcomes.Degraded)
        && Reconcile?.Status == Outcomes.Succeeded;
}

/// <summary>What the CLI and the timers run: sources (in parallel: one failing does not stop the others), then reconciliation.</summary>
public sealed class HubRunner(SyncService sync, ReconcileService reconcile, HubStorage storage)
{
    public async Task<HubRunResult> SyncAsync(IReadOnlyList<string> sources, SyncWindow? window, IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken, bool reconcileAfter = true)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var runs = await Task.WhenAll(sources.Select(async source => (source, await sync.RunAsync(source, window, progress, cancellationToken))));
        var reconciled = reconcileAfter ? await reconcile.RunAsync(forceFull: false, cancellationToken) : null;
        return new HubRunResult(runs, reconciled);
    }
}
