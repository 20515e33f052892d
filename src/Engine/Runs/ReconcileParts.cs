using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Runs;

/// <summary>
/// A full reconciliation from the queue, cut into work items that several instances share. The run
/// that began it (<see cref="StartAsync"/>) keeps its lease and queues one item per few buckets; each
/// item joins the lease (<see cref="LeaseStore.JoinAsync"/>), evaluates its buckets and stores each
/// bucket's result (<see cref="BucketResultStore"/>); the item that ends the group queues the finishing
/// item, which reads every result, writes findings, counters and KPIs, and ends the run. Items are
/// idempotent: a bucket with a stored result is skipped, a bucket redone applies its staged records
/// again to the same rows. A run taken over (its lease lapsed and another reconciliation took it) is
/// Abandoned: its items find another holder and do nothing.
/// </summary>
public sealed class ReconcileParts(
    RunStore runs, RunGroupStore groups, RunQueueStore queue, LeaseStore leases, BucketResultStore results, FullPass fullPass,
    ReconcileLifecycle lifecycle, ReconcileCompletion completion, HubStorage storage,
    IOptions<ReconciliationOptions> options, IOptions<SyncOptions> syncOptions, ILogger<ReconcileParts> logger)
{
    private const int ResultsReadInFlight = 8;

    private TimeSpan LeaseDuration => syncOptions.Value.LeaseDuration;

    public static string GroupOf(string runId) => "reconcile-" + runId;

    /// <summary>Cuts the full pass of a prepared run into items: its group recorded first, then one message per few buckets.</summary>
    public async Task StartAsync(ReconcileStart start, CancellationToken cancellationToken)
    {
        var runId = start.Run.Id;
        var items = DossierRows.AllPartitions().Chunk(options.Value.BucketsPerItem)
            .Select((buckets, i) => new ReconcilePart(ReconcilePartKind.Buckets, $"{runId}-{i:D2}", buckets, start.Context.Now, start.Context.Seen,
                start.FullRequested, start.RepublishRequested, start.Began))
            .ToList();
        await groups.CreateAsync(new RunGroupRow { Key = GroupOf(runId), Runs = [.. items.Select(i => i.Item)], ReconcileRunId = runId }, cancellationToken);
        foreach (var part in items) await queue.EnqueueAsync(Message(runId, part), cancellationToken);
        logger.LogInformation("Reconciliation {RunId}: full pass cut into {Items} work items", runId, items.Count);
    }

    /// <summary>Executes a part; true when the run has ended (finished here, or ended or taken over before): its slot may go.</summary>
    public async Task<bool> ExecuteAsync(RunRequest request, ReconcilePart part, CancellationToken cancellationToken)
    {
        var runId = request.ReconcileRunId!;
        if (await leases.JoinAsync(LeaseStore.ReconcileLease, runId, LeaseDuration, cancellationToken) is not { } lease)
        {
            logger.LogWarning("Reconciliation {RunId} has ended or was taken over: its item {Item} is not run", runId, part.Item);
            return true;
        }
        if (await runs.GetAsync(runId, cancellationToken) is not { } run || Outcomes.IsEnded(run.Status))
        {
            // Failed (another part was poisoned) or ended: nothing more may be written for it.
            await leases.ReleaseAsync(lease, CancellationToken.None);
            return true;
        }
        using var leased = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        await using var heartbeat = leases.KeepAlive(lease, LeaseDuration);
        if (part.Kind == ReconcilePartKind.Finish) return await FinishAsync(run, part, lease, leased.Token);

        var context = await lifecycle.ContextAsync(part.Now, part.Seen, leased.Token);
        Task EnsureLease(CancellationToken ct) => lease.EnsureHeldAsync(leases, LeaseDuration, ct);
        var todo = new List<string>();
        foreach (var bucket in part.Buckets)
        {
            if (!await results.ExistsAsync(runId, bucket, leased.Token)) todo.Add(bucket);
        }
        await fullPass.RunBucketsAsync(todo, context, EnsureLease, leased.Token, (result, ct) => results.SaveAsync(runId, result, ct));
        if (await groups.EndAsync(request.Group!, [part.Item], cancellationToken) is { } group)
        {
            // Queued before the group goes: a crash in between queues it twice (the second finds the run ended), never not at all.
            await queue.EnqueueAsync(Message(runId, part with { Kind = ReconcilePartKind.Finish, Item = runId + "-finish", Buckets = [] }), cancellationToken);
            await groups.RemoveAsync(group.Key, cancellationToken);
        }
        return false;
    }

    /// <summary>
    /// A part that failed on every delivery (its run is marked Failed by the caller): no finishing
    /// item may follow, so the group goes; the lease is released, and the next reconciliation, finding
    /// the run still in progress in the state row, is full.
    /// </summary>
    public async Task PoisonedAsync(RunRequest request, CancellationToken cancellationToken)
    {
        await groups.RemoveAsync(request.Group!, cancellationToken);
        if (await leases.JoinAsync(LeaseStore.ReconcileLease, request.ReconcileRunId!, LeaseDuration, cancellationToken) is { } lease)
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
    }

    private async Task<bool> FinishAsync(RunRecord run, ReconcilePart part, Lease lease, CancellationToken cancellationToken)
    {
        var runId = run.Id;
        var operationsBefore = storage.Operations;
        var start = new ReconcileStart
        {
            Run = run, Lease = lease, LeaseDuration = LeaseDuration, Leases = leases, Full = true,
            FullRequested = part.FullRequested, RepublishRequested = part.RepublishRequested,
            Context = await lifecycle.ContextAsync(part.Now, part.Seen, cancellationToken), Began = part.Began,
        };
        // Read a few at a time and folded into one sum as they arrive (BucketResult.Add).
        var sum = new BucketResult { Partition = "" };
        var workers = new HashSet<string>(StringComparer.Ordinal) { RunRecord.ThisProcess };
        var missing = new List<string>();
        var gate = new Lock();
        await Parallel.ForEachAsync(DossierRows.AllPartitions(), new ParallelOptions { MaxDegreeOfParallelism = ResultsReadInFlight, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var bucket = await results.ReadAsync(runId, partition, ct);
                lock (gate)
                {
                    if (bucket is null) missing.Add(partition);
                    else
                    {
                        sum.Add(bucket);
                        workers.Add(bucket.Worker);
                    }
                }
            });
        if (missing.Count > 0) throw new InvalidOperationException($"Buckets {string.Join(", ", missing.Order(StringComparer.Ordinal))} of reconciliation {runId} have no result.");

        var pass = await fullPass.ResolveFindingsAsync(sum, start.Context.Now, start.EnsureLeaseAsync, cancellationToken);
        var (openByRule, openByAgency, snapshot) = await completion.CompleteAsync(start, pass, cancellationToken);
        run.Worker = string.Join(',', workers.Order(StringComparer.Ordinal));
        await lifecycle.SucceededAsync(start, pass.Evaluated, snapshot, cancellationToken);
        await completion.AnnounceAsync(openByRule, openByAgency, cancellationToken);
        await lifecycle.EndAsync(run, lease, part.Began, storage.Operations - operationsBefore);
        await results.DeleteAsync(runId, CancellationToken.None);
        return true;
    }

    private static RunRequest Message(string runId, ReconcilePart part) =>
        new([], Reconcile: false) { ReconcileRunId = runId, Group = GroupOf(runId), Part = part };
}
