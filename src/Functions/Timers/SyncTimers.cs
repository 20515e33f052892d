using IntegrationHub.Engine;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Sync;
using IntegrationHub.Engine.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Timers;

/// <summary>
/// The scheduled work: one timer per source and one for the reconciliation, schedules from app
/// settings (six-field NCRONTAB, UTC). Each only calls the engine; a failed run fails the invocation
/// so that it shows in the Functions failure metrics as well as in the run records.
/// </summary>
public sealed class SyncTimers(HubRunner runner, ReconcileService reconcile, ILogger<SyncTimers> logger)
{
    [Function("SyncMotcua")]
    public Task SyncMotcua([TimerTrigger("%SyncMotcuaSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        SyncAsync(Sources.Motcua, cancellationToken);

    [Function("SyncPortal")]
    public Task SyncPortal([TimerTrigger("%SyncPortalSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        SyncAsync(Sources.Portal, cancellationToken);

    [Function("SyncLgsp")]
    public Task SyncLgsp([TimerTrigger("%SyncLgspSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        SyncAsync(Sources.Lgsp, cancellationToken);

    [Function("Reconcile")]
    public async Task Reconcile([TimerTrigger("%ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await reconcile.RunAsync(forceFull: false, cancellationToken);
        HubMetrics.TimerRan(nameof(Reconcile), run?.Status ?? "Skipped");
        if (run is null) logger.LogInformation("Reconciliation skipped: another one is running");
        else if (run.Status == Outcomes.Failed) throw new InvalidOperationException($"Reconciliation {run.Id} failed: {run.ErrorKind}: {run.Error}");
    }

    private async Task SyncAsync(string source, CancellationToken cancellationToken)
    {
        var result = await runner.SyncAsync([source], null, null, cancellationToken, reconcileAfter: false);
        var (_, run) = result.Syncs[0];
        HubMetrics.TimerRan("Sync" + char.ToUpperInvariant(source[0]) + source[1..], run?.Status ?? "Skipped");
        if (run is null) logger.LogInformation("Sync of {Source} skipped: another run of it is in progress", source);
        else if (run.Status == Outcomes.Failed) throw new InvalidOperationException($"Sync of {source} ({run.Id}) failed: {run.ErrorKind}: {run.Error}");
    }
}
