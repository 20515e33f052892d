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

    /// <summary>
    /// Starts sources in the background (then reconciles), for the API: returns the Running records
    /// at once, or null when any of them is already running (nothing is started then).
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>?> StartAsync(IReadOnlyList<string> sources, SyncWindow? window, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var started = new List<StartedSync>();
        foreach (var source in sources)
        {
            var begun = await sync.BeginAsync(source, window, cancellationToken);
            if (begun is null)
            {
                // Give back what was taken: the caller gets 409 and nothing runs.
                foreach (var s in started) await s.AbandonAsync();
                return null;
            }
            started.Add(begun);
        }
        _ = Task.Run(async () =>
        {
            await Task.WhenAll(started.Select(s => s.ExecuteAsync(null, CancellationToken.None)));
            await reconcile.RunAsync(forceFull: false, CancellationToken.None);
        }, CancellationToken.None);
        return started.Select(s => s.Run).ToList();
    }
}
