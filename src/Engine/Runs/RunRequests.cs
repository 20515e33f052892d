using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Runs;

/// <summary>
/// Runs as queue messages, the asking side: <see cref="RequestAsync"/> records the runs as Queued,
/// holds their sources' slots and stores one message per source (a work item of the request's
/// group) or one for a reconciliation alone. HTTP and the timers call it; <see cref="RunWorker"/>
/// executes the messages on whichever instance takes them. Nothing runs in the background of a
/// request: if an instance dies, its message comes back and the run goes on from its checkpoints.
/// </summary>
public sealed class RunRequests(HubStorage storage, RunStore runs, RunSlotStore slots, RunGroupStore groups, RunQueueStore queue, LeaseStore leases,
    IOptions<SyncOptions> syncOptions, IOptions<ReconciliationOptions> reconciliation, TimeProvider time)
{
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
        // The reconciliation, alone or after the syncs, is recorded now too: the caller can follow it.
        var records = sources.Select(s => Queued(s, now, window)).ToList();
        var reconcileRun = reconcileAfter || sources.Count == 0 ? Queued(Sources.Reconcile, now, null) : null;
        if (reconcileRun is not null) records.Add(reconcileRun);
        var request = new RunRequest(
            [.. records.Where(r => r.Source != Sources.Reconcile).Select(r => new RequestedSync(r.Source, r.Id))],
            reconcileRun is not null, window?.From, window?.To, acceptShrink)
        {
            ReconcileRunId = reconcileRun?.Id,
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
            foreach (var item in await ItemsAsync(request, cancellationToken)) await queue.EnqueueAsync(item, cancellationToken);
        }
        catch
        {
            foreach (var run in records) await runs.EndAsync(run, Outcomes.NotStarted, "The request could not be queued.", time.GetUtcNow(), CancellationToken.None);
            foreach (var k in claimed) await slots.ReleaseAsync(k, request.RunIdOf(k), CancellationToken.None);
            throw;
        }
        return new RunRequestOutcome(records);
    }

    /// <summary>
    /// Cuts a request into work items: one message per source, their group recorded first; a
    /// reconciliation asked for follows when the group's last item ends (<see cref="RunWorker"/>).
    /// </summary>
    private async Task<IReadOnlyList<RunRequest>> ItemsAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (request.Syncs.Count == 0) return [request];
        var group = request.Syncs[0].RunId;
        await groups.CreateAsync(new RunGroupRow { Key = group, Runs = [.. request.Syncs.Select(s => s.RunId)], ReconcileRunId = request.ReconcileRunId }, cancellationToken);
        return [.. request.Syncs.Select(s => request with { Syncs = [s], Reconcile = false, ReconcileRunId = null, Group = group })];
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

    /// <summary>The run a request holds <paramref name="key"/> for while it is queued or running, or null (the CLI's direct sync checks it).</summary>
    public async Task<string?> QueuedOrRunningAsync(string key, CancellationToken cancellationToken)
    {
        if (await slots.GetAsync(key, cancellationToken) is not { } held) return null;
        var run = await runs.GetAsync(held.RunId, cancellationToken);
        return run is not null && !Outcomes.IsEnded(run.Status) && !Expired(run, held, time.GetUtcNow()) ? held.RunId : null;
    }

    /// <summary>How long a slot whose run is not recorded is taken for a request being made; after that, for one whose requester died.</summary>
    public static readonly TimeSpan UnrecordedClaimGrace = TimeSpan.FromMinutes(1);

    private static bool Expired(RunRecord run, RunSlotRow held, DateTimeOffset now) =>
        run.Status == Outcomes.Queued && held.Claimed + RunQueueStore.MessageTimeToLive < now;

    /// <summary>Claims the slot, or takes over one whose run ended or whose request expired unread; returns the run that holds it otherwise.</summary>
    private async Task<string?> HeldAsync(string key, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await slots.TryClaimAsync(key, runId, now, cancellationToken)) return null;
        if (await slots.GetAsync(key, cancellationToken) is not { } held) return await slots.TryClaimAsync(key, runId, now, cancellationToken) ? null : "(just claimed)";
        var run = await runs.GetAsync(held.RunId, cancellationToken);
        // A request records its runs just after claiming their slots: a fresh slot without its run is one being made.
        if (run is null && now - held.Claimed < UnrecordedClaimGrace) return held.RunId;
        var expired = run is not null && Expired(run, held, now);
        if (run is not null && !Outcomes.IsEnded(run.Status) && !expired) return held.RunId;
        if (expired) await runs.EndAsync(run!, Outcomes.Abandoned, "Its request expired in the queue unread.", now, cancellationToken);
        return await slots.TryTakeOverAsync(held, runId, now, cancellationToken) ? null : held.RunId;
    }
}
