using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The full reconciliation pass: every bucket read once (<see cref="RunBucketAsync"/>). A bucket's
/// staged records (a first load or backfill, <see cref="DossierStaging"/>) are joined with its stored
/// rows, every dossier is evaluated, and a row is written only where data arrived or the evaluation
/// changed: on a first load each dossier is written once, joined and evaluated. Counters are computed
/// whole; once every bucket has its result, findings are opened, confirmed and resolved against every
/// finding in existence (<see cref="ResolveFindingsAsync"/>). <see cref="RunAsync"/> does both in
/// one process; a run cut into work items does them in several (<see cref="Runs.ReconcileParts"/>).
/// </summary>
public sealed class FullPass(HubStorage storage, DossierStaging staging, FindingStore findings, OpenDossierStore openDossiers, IOptions<SyncOptions> options)
{
    /// <summary>Writes per bucket are flushed at this many, so memory stays bounded however large a bucket is.</summary>
    private const int WritesPerFlush = 2000;

    /// <summary>Buckets in flight at once, and batch writes in flight per bucket: a bucket's staged records are held in memory while it is joined.</summary>
    private const int BucketsInFlight = 4;
    private const int WritesInFlightPerBucket = 4;

    private int Parallelism => options.Value.WriteParallelism;

    /// <summary>Every bucket, then the findings. <paramref name="ensureLease"/> is called before every write: it throws once another reconciliation holds the lease (<see cref="Lease"/>).</summary>
    public async Task<PassResult> RunAsync(EvaluationContext context, Func<CancellationToken, Task> ensureLease, CancellationToken cancellationToken)
    {
        var sum = new BucketResult { Partition = "" };
        var gate = new Lock();
        await RunBucketsAsync(DossierRows.AllPartitions(), context, ensureLease, cancellationToken, (bucket, _) =>
        {
            lock (gate) sum.Add(bucket);
            return Task.CompletedTask;
        });
        return await ResolveFindingsAsync(sum, context.Now, ensureLease, cancellationToken);
    }

    /// <summary>The given buckets, a few at a time; <paramref name="done"/> is called with each bucket's result as it ends.</summary>
    public async Task RunBucketsAsync(IEnumerable<string> partitions, EvaluationContext context, Func<CancellationToken, Task> ensureLease,
        CancellationToken cancellationToken, Func<BucketResult, CancellationToken, Task> done)
    {
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = BucketsInFlight, CancellationToken = cancellationToken },
            async (partition, ct) => await done(await RunBucketAsync(partition, context, ensureLease, ct), ct));
    }

    /// <summary>
    /// One bucket: its staged records applied, its dossiers evaluated and written where something
    /// changed, its staged blobs deleted once stored. Done again after a crash, it comes to the same
    /// rows and the same result: the staged records are applied again over what they already wrote.
    /// </summary>
    public async Task<BucketResult> RunBucketAsync(string partition, EvaluationContext context, Func<CancellationToken, Task> ensureLease, CancellationToken ct)
    {
        var result = new BucketResult { Partition = partition, Worker = RunRecord.ThisProcess };
        var dossiers = storage.DossierTable(partition);
        var stagedBlobs = await staging.ListAsync(partition, ct);
        var staged = stagedBlobs.Count == 0 ? [] : await staging.ReadMergedAsync(stagedBlobs, ct);
        var writes = new List<TableTransactionAction>();
        var oldMarkers = new List<ITableEntity>();
        var open = new Dictionary<string, OpenDossier>(StringComparer.Ordinal);

        // stored: the row as read from the table (null for a dossier only the staged records know).
        async Task EvaluateAsync(TableEntity row, TableEntity? arrived, TableEntity? stored)
        {
            var dossier = DossierRows.Read(row);
            var evaluation = DossierEvaluator.Evaluate(dossier, context);
            foreach (var c in evaluation.Contributions) result.Counters.Add(c, +1);
            var changed = Persist(dossier, evaluation, arrived, stored, writes);
            result.Current.UnionWith(evaluation.Findings);
            if (changed) result.Confirmed.UnionWith(evaluation.Findings);
            if (evaluation.Open is { } stillOpen) open[dossier.Code] = stillOpen;
            result.Evaluated++;
            if (writes.Count >= WritesPerFlush)
            {
                await ensureLease(ct);
                await DossierRows.SubmitEvaluatedAsync(dossiers, writes, WritesInFlightPerBucket, ct);
                writes.Clear();
            }
        }

        await foreach (var row in dossiers.QueryAsync<TableEntity>(r => r.PartitionKey == partition, maxPerPage: 1000, cancellationToken: ct))
        {
            if (DossierRows.IsMarker(row.RowKey))
            {
                // Marker rows were written by earlier versions (the next check is now a column): nothing reads them.
                oldMarkers.Add(row);
                continue;
            }
            if (staged.Remove(row.RowKey, out var arrived)) StagedRows.MergeInto(row, arrived);
            await EvaluateAsync(row, arrived, row);
        }
        // Dossiers seen only in the staged records: new to the hub.
        foreach (var arrived in staged.Values) await EvaluateAsync(arrived, arrived, stored: null);
        await ensureLease(ct);
        if (writes.Count > 0) await DossierRows.SubmitEvaluatedAsync(dossiers, writes, WritesInFlightPerBucket, ct);

        if (oldMarkers.Count > 0) await Batches.DeleteUnchangedAsync(dossiers, oldMarkers, WritesInFlightPerBucket, ct);
        await openDossiers.ReplaceBucketAsync(partition, open, ct);
        // Only now are the staged records stored in the rows: a crash before this applies them again, to the same result.
        await staging.DeleteAsync(stagedBlobs, ct);
        return result;
    }

    /// <summary>
    /// Once every bucket has its result (<paramref name="all"/>: their sum): opens the new findings,
    /// re-opens the resolved, confirms the re-evaluated, resolves those no dossier has any more.
    /// Returns the pass's counters and findings.
    /// </summary>
    public async Task<PassResult> ResolveFindingsAsync(BucketResult all, DateTimeOffset now, Func<CancellationToken, Task> ensureLease, CancellationToken cancellationToken)
    {
        var result = new PassResult { AllFindings = await findings.ReadAllAsync(cancellationToken), Evaluated = all.Evaluated, Counters = all.Counters };
        var current = all.Current;
        var confirmed = all.Confirmed;

        var changes = new List<FindingEntity>();
        foreach (var key in current)
        {
            result.AllFindings.TryGetValue(key, out var existing);
            if (existing is { Status: FindingEntity.Open })
            {
                if (confirmed.Contains(key) && existing.LastSeen != now)
                {
                    existing.LastSeen = now;
                    changes.Add(existing);
                }
                continue;
            }
            changes.Add(result.AllFindings[key] = FindingStore.Opened(existing, key, now));
        }
        foreach (var (key, existing) in result.AllFindings)
        {
            if (existing.Status == FindingEntity.Open && !current.Contains(key) && !CatalogueEvaluator.IsCatalogueRule(key.Rule))
            {
                changes.Add(FindingStore.ResolvedCopy(existing, now));
            }
        }
        await ensureLease(cancellationToken);
        await findings.WriteAsync(changes, Parallelism, cancellationToken);
        return result;
    }

    /// <summary>
    /// Writes what is new about a dossier: the records that arrived (staged), and its evaluation if
    /// that differs from the stored one, in one merge; also a row a sync marked changed, to clear
    /// the mark. Returns whether anything was written.
    /// </summary>
    private static bool Persist(DossierState dossier, Evaluation evaluation, TableEntity? arrived, TableEntity? stored, List<TableTransactionAction> writes)
    {
        var row = new TableEntity(DossierRows.PartitionOf(dossier.Code), dossier.Code);
        if (arrived is not null) StagedRows.MergeInto(row, arrived);
        var differs = DossierRows.WithEvaluation(row, dossier, evaluation);
        if (!differs && arrived is null && (stored is null || !DossierRows.IsChanged(stored))) return false;
        writes.Add(DossierRows.Evaluated(row, stored?.ETag));
        return true;
    }
}
