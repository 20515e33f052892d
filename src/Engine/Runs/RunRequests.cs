using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Runs;

/// <summary>
/// Runs as queue messages. <see cref="RequestAsync"/> records the runs as Queued, holds their
/// sources' slots and stores the message (HTTP and the timers); <see cref="ExecuteAsync"/> runs it
/// (the queue-triggered function, on whichever instance took the message); <see cref="PoisonedAsync"/>
/// marks the runs of a request that kept failing as Failed. Nothing runs in the background of a
/// request: if the instance dies, the message comes back and the run goes on from its checkpoints.
/// </summary>
public sealed class RunRequests(HubStorage storage, RunStore runs, RunSlotStore slots, RunQueueStore queue, LeaseStore leases,
    SyncService sync, ReconcileService reconcile, IOptions<SyncOptions> syncOptions, IOptions<ReconciliationOptions> reconciliation,
    TimeProvider time, ILogger<RunRequests> logger)
{
    /// <summary>How often a worker looks again at a source's lease that another run holds.</summary>
    public static readonly TimeSpan LeaseWaitPoll = TimeSpan.FromSeconds(2);

    /// <summary>The error kind of a run whose request was poisoned.</summary>
    public const string Poisoned = nameof(Poisoned);

    /// <summary>
    /// Requests syncs of <paramref name="sources"/> (none: a reconciliation alone), then a
    /// reconciliation if asked. Throws <see cref="ArgumentException"/> with the reason for a
    /// backfill window that may not be run (<see cref="SyncWindow.Refusal"/>), before anything is queued.
    /// </summary>
    public async Task<RunRequestOutcome> RequestAsync(IReadOnlyList<string> sources, SyncWindow? window, bool acceptShrink, bool reconcileAfter, CancellationToken cancellationToken)
    {
        if (window?.Refusal(reconciliation.Value.PeriodStart, time.GetUtcNow(), syncOptions.Value.MaxBackfill) is { } refusal) throw new ArgumentException(refusal);
        if (sources.FirstOrDefault(s => !Sources.IsKnown(s)) is { } unknown) throw new ArgumentException($"Unknown source '{unknown}'.", nameof(sources));
        await storage.EnsureCreatedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var records = sources.Count > 0
            ? sources.Select(s => Queued(s, now, window)).ToList()
            : [Queued(Sources.Reconcile, now, null)];
        var request = new RunRequest(
            [.. records.Where(r => r.Source != Sources.Reconcile).Select(r => new RequestedSync(r.Source, r.Id))],
            reconcileAfter || sources.Count == 0, window?.From, window?.To, acceptShrink)
        {
            ReconcileRunId = sources.Count == 0 ? records[0].Id : null,
        };
        var claimed = new List<string>();
        foreach (var key in request.SlotKeys)
        {
            var busy = await ClaimAsync(key, request.RunIdOf(key), now, cancellationToken);
            if (busy is not null)
            {
                foreach (var k in claimed) await slots.ReleaseAsync(k, request.RunIdOf(k), CancellationToken.None);
                return new RunRequestOutcome([], key, busy);
            }
            claimed.Add(key);
        }
        try
        {
            foreach (var run in records) await runs.SaveAsync(run, cancellationToken);
            await queue.EnqueueAsync(request, cancellationToken);
        }
        catch
        {
            foreach (var run in records) await runs.EndAsync(run, Outcomes.NotStarted, "The request could not be queued.", time.GetUtcNow(), CancellationToken.None);
            foreach (var k in claimed) await slots.ReleaseAsync(k, request.RunIdOf(k), CancellationToken.None);
            throw;
        }
        return new RunRequestOutcome(records);
    }

    private RunRecord Queued(string source, DateTimeOffset now, SyncWindow? window) => new()
    {
        RowKey = RunStore.NewId(), Source = source, Status = Outcomes.Queued, Started = now, WindowFrom = window?.From, WindowTo = window?.To,
    };

    /// <summary>
    /// Claims a slot for a run; returns the run id that keeps it busy, or null once claimed. A slot
    /// is busy while its run is queued (and its message not expired) or running; a source whose
    /// lease a run outside the queue holds (the CLI) is busy too.
    /// </summary>
    private async Task<string?> ClaimAsync(string key, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await HeldAsync(key, runId, now, cancellationToken) is { } queuedOrRunning) return queuedOrRunning;
        if (key != Sources.Reconcile && await leases.CurrentAsync(LeaseStore.SyncLease(key), cancellationToken) is { } holder)
        {
            await slots.ReleaseAsync(key, runId, CancellationToken.None);
            return holder.Holder;
        }
        return null;
    }

    /// <summary>Claims the slot, or takes over one whose run ended or whose request expired unread; returns the run that holds it otherwise.</summary>
    private async Task<string?> HeldAsync(string key, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await slots.TryClaimAsync(key, runId, now, cancellationToken)) return null;
        if (await slots.GetAsync(key, cancellationToken) is not { } held) return await slots.TryClaimAsync(key, runId, now, cancellationToken) ? null : "(just claimed)";
        var run = await runs.GetAsync(held.RunId, cancellationToken);
        var expired = run?.Status == Outcomes.Queued && held.Claimed + RunQueueStore.MessageTimeToLive < now;
        if (run is not null && !Outcomes.IsEnded(run.Status) && !expired) return held.RunId;
        if (expired) await runs.EndAsync(run!, Outcomes.Abandoned, "Its request expired in the queue unread.", now, cancellationToken);
        return await slots.TryTakeOverAsync(held, runId, now, cancellationToken) ? null : held.RunId;
    }

    /// <summary>
    /// Executes a request message: its syncs in parallel (runs that already ended are skipped, a run
    /// that a dead worker left goes on from its checkpoints), then the reconciliation; frees the slots.
    /// An exception leaves the message to be delivered again; after the last attempt it is poisoned.
    /// </summary>
    public async Task ExecuteAsync(string message, CancellationToken cancellationToken)
    {
        var request = RunQueueStore.Parse(message);
        await storage.EnsureCreatedAsync(cancellationToken);
        await Task.WhenAll(request.Syncs.Select(s => SyncAsync(s, request, cancellationToken)));
        if (request.Reconcile && (request.ReconcileRunId is null || await runs.GetAsync(request.ReconcileRunId, cancellationToken) is { Status: Outcomes.Queued }))
        {
            var run = await reconcile.RunAsync(forceFull: false, cancellationToken, request.ReconcileRunId);
            if (run is null && request.ReconcileRunId is { } id && await runs.GetAsync(id, cancellationToken) is { } queued)
            {
                await runs.EndAsync(queued, Outcomes.NotStarted, "Another reconciliation was running; it or the next one reconciles what this one would have.", time.GetUtcNow(), cancellationToken);
            }
        }
        foreach (var key in request.SlotKeys) await slots.ReleaseAsync(key, request.RunIdOf(key), CancellationToken.None);
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
        foreach (var key in request.SlotKeys) await slots.ReleaseAsync(key, request.RunIdOf(key), CancellationToken.None);
    }
}
