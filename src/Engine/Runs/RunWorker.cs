using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Runs;

/// <summary>
/// Runs as queue messages, the executing side (the queue-triggered functions): <see cref="ExecuteAsync"/>
/// runs a work item of <see cref="RunRequests"/> on whichever instance took it; when it ends the
/// last item of its group, the reconciliation the request asked for is queued. <see cref="PoisonedAsync"/>
/// marks the runs of an item that failed on every delivery as Failed.
/// </summary>
public sealed class RunWorker(HubStorage storage, RunStore runs, RunSlotStore slots, RunGroupStore groups, RunQueueStore queue, LeaseStore leases,
    SyncService sync, ReconcileService reconcile, ReconcileParts parts, IOptions<SyncOptions> syncOptions, TimeProvider time, ILogger<RunWorker> logger)
{
    /// <summary>How often a worker looks again at a source's lease that another run holds.</summary>
    public static readonly TimeSpan LeaseWaitPoll = TimeSpan.FromSeconds(2);

    /// <summary>The error kind of a run whose request was poisoned.</summary>
    public const string Poisoned = nameof(Poisoned);

    /// <summary>
    /// Executes a request message: its syncs in parallel (runs that already ended are skipped, a run
    /// that a dead worker left goes on from its checkpoints), then the reconciliation, whose full pass
    /// is cut into work items (<see cref="ReconcileParts"/>), or a part of one; frees the slots once
    /// the runs have ended. An exception leaves the message to be delivered again; after the last
    /// attempt it is poisoned.
    /// </summary>
    public async Task ExecuteAsync(string message, CancellationToken cancellationToken)
    {
        var request = RunQueueStore.Parse(message);
        await storage.EnsureCreatedAsync(cancellationToken);
        if (request.Part is { } part)
        {
            if (await parts.ExecuteAsync(request, part, cancellationToken)) await ReleaseSlotsAsync(request);
            return;
        }
        await Task.WhenAll(request.Syncs.Select(s => SyncAsync(s, request, cancellationToken)));
        await EndItemAsync(request, cancellationToken);
        var handedOff = false;
        if (request.Reconcile && (request.ReconcileRunId is null || await runs.GetAsync(request.ReconcileRunId, cancellationToken) is { Status: Outcomes.Queued }))
        {
            var run = await reconcile.RunAsync(forceFull: false, cancellationToken, request.ReconcileRunId, parts.StartAsync);
            if (run is null && request.ReconcileRunId is { } id && await runs.GetAsync(id, cancellationToken) is { } queued)
            {
                await runs.EndAsync(queued, Outcomes.NotStarted, "Another reconciliation was running; it or the next one reconciles what this one would have.", time.GetUtcNow(), cancellationToken);
            }
            // Its work items go on; the one that finishes it frees the slot.
            handedOff = run is { Status: Outcomes.Running };
        }
        if (!handedOff) await ReleaseSlotsAsync(request);
    }

    private async Task ReleaseSlotsAsync(RunRequest request)
    {
        foreach (var key in request.SlotKeys) await slots.ReleaseAsync(key, request.RunIdOf(key), CancellationToken.None);
    }

    /// <summary>Counts the item's runs as ended in its group; the item that ends the group queues the reconciliation it asked for.</summary>
    private async Task EndItemAsync(RunRequest item, CancellationToken cancellationToken)
    {
        if (item.Group is not { } key || await groups.EndAsync(key, item.Syncs.Select(s => s.RunId), cancellationToken) is not { } group) return;
        if (group.ReconcileRunId is { } reconcileRun) await queue.EnqueueAsync(new RunRequest([], Reconcile: true) { ReconcileRunId = reconcileRun }, cancellationToken);
        await groups.RemoveAsync(key, cancellationToken);
    }

    private async Task SyncAsync(RequestedSync requested, RunRequest request, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(requested.RunId, cancellationToken) is not { } run || Outcomes.IsEnded(run.Status)) return;
        try
        {
            var started = await LeasedAsync(run, request.AcceptShrink, cancellationToken);
            await started.ExecuteAsync(null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept on the record so that, if every delivery fails, the poisoned request says why.
            run.ErrorKind = Connectors.ErrorKinds.Classify(ex).ToString();
            run.Error = "Attempt failed: " + ex.Message.Split('\n')[0];
            await runs.SaveAsync(run, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Takes the source's lease for the run, waiting while another run holds it (the CLI, or this
    /// run's previous delivery until its lease lapses); throws if it stays held for a whole lease
    /// duration: the message is delivered again later.
    /// </summary>
    private async Task<StartedSync> LeasedAsync(RunRecord run, bool acceptShrink, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + syncOptions.Value.LeaseDuration;
        while (true)
        {
            if (await sync.BeginAsync(run, acceptShrink, cancellationToken) is { } started) return started;
            if (TimeProvider.System.GetUtcNow() >= deadline)
            {
                var holder = await leases.HolderAsync(LeaseStore.SyncLease(run.Source), cancellationToken);
                throw new InvalidOperationException($"The lease of {run.Source} stayed held by run {holder ?? "(released just now)"}; the request will be delivered again.");
            }
            await Task.Delay(LeaseWaitPoll, cancellationToken);
        }
    }

    /// <summary>A request that failed on every delivery: its runs that have not ended are Failed, with the last reason; its slots are freed.</summary>
    public async Task PoisonedAsync(string message, CancellationToken cancellationToken)
    {
        RunRequest request;
        try
        {
            request = RunQueueStore.Parse(message);
        }
        catch (FormatException ex)
        {
            logger.LogError("A poisoned run request could not be read, nothing to mark: {Reason}", ex.Message);
            Telemetry.HubMetrics.RunPoisoned("unknown");
            return;
        }
        var ids = request.Syncs.Select(s => s.RunId).Concat(request.ReconcileRunId is { } r ? [r] : []);
        foreach (var id in ids)
        {
            if (await runs.GetAsync(id, cancellationToken) is not { } run || Outcomes.IsEnded(run.Status)) continue;
            var reason = $"Its request failed on every delivery and was moved to the poison queue{(run.Error is { } last ? "; last: " + last : ".")}";
            await runs.EndAsync(run, Outcomes.Failed, reason, time.GetUtcNow(), cancellationToken, errorKind: Poisoned);
            Telemetry.HubMetrics.RunPoisoned(run.Source);
            logger.LogError("Run {RunId} of {Source} failed: {Reason}", run.Id, run.Source, reason);
        }
        if (request.Part is not null)
        {
            await parts.PoisonedAsync(request, cancellationToken);
        }
        else
        {
            await EndItemAsync(request, cancellationToken);
        }
        await ReleaseSlotsAsync(request);
    }
}
