using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Sync;
using IntegrationHub.Engine.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Timers;

/// <summary>
/// The schedule: one timer per source and one for the reconciliation, schedules from app settings
/// (six-field NCRONTAB, UTC). Each only requests its run, as <c>POST /api/sync</c> does: the run
/// itself is a queue message that <see cref="Runs.RunQueueFunctions"/> executes on whichever
/// instance takes it, so a timer invocation is short whatever the size of the run. A request while
/// a run of that source is queued or running is skipped (outcome Skipped).
/// </summary>
public sealed class SyncTimers(RunRequests requests, ILogger<SyncTimers> logger)
{
    [Function("SyncMotcua")]
    public Task SyncMotcua([TimerTrigger("%SyncMotcuaSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        RequestAsync(nameof(SyncMotcua), [Sources.Motcua], cancellationToken);

    [Function("SyncPortal")]
    public Task SyncPortal([TimerTrigger("%SyncPortalSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        RequestAsync(nameof(SyncPortal), [Sources.Portal], cancellationToken);

    [Function("SyncLgsp")]
    public Task SyncLgsp([TimerTrigger("%SyncLgspSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        RequestAsync(nameof(SyncLgsp), [Sources.Lgsp], cancellationToken);

    /// <summary>A reconciliation alone (no sources).</summary>
    [Function("Reconcile")]
    public Task Reconcile([TimerTrigger("%ReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        RequestAsync(nameof(Reconcile), [], cancellationToken);

    private async Task RequestAsync(string function, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var outcome = await requests.RequestAsync(sources, window: null, acceptShrink: false, reconcileAfter: false, cancellationToken);
        HubMetrics.TimerRan(function, outcome.Accepted ? Outcomes.Queued : Skipped);
        if (outcome.Accepted) logger.LogInformation("{Function}: run {RunId} queued", function, outcome.Runs[0].Id);
        else logger.LogInformation("{Function} skipped: run {RunId} of {Source} is queued or running", function, outcome.BusyRunId, outcome.BusySource);
    }

    /// <summary>The timer outcome of a request refused because a run of its source is queued or running.</summary>
    public const string Skipped = nameof(Skipped);
}
