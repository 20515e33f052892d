using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The incremental reconciliation pass: only dossiers a sync marked changed or whose next check has
/// come (a grace period ends) are evaluated, read whole by one query per bucket
/// (<see cref="DossierRows.ToEvaluateFilter"/>); their findings are opened, confirmed or resolved,
/// and the counters move by the difference between old and new contributions.
/// </summary>
public sealed class IncrementalPass(HubStorage storage, FindingStore findings, CounterStore counters, OpenDossierStore openDossiers, IOptions<SyncOptions> options)
{
    private const int WritesInFlightPerBucket = 2;

    private int Parallelism => options.Value.WriteParallelism;

    /// <summary><paramref name="ensureLease"/> is called before every write: it throws once another reconciliation holds the lease (<see cref="Lease"/>).</summary>
    public async Task<PassResult> RunAsync(EvaluationContext context, Func<CancellationToken, Task> ensureLease, CancellationToken cancellationToken)
    {
        var result = new PassResult();
        var gate = new Lock();
        var findingChanges = new ConcurrentBag<FindingChange>();
        var now = context.Now;

        await Parallel.ForEachAsync(DossierRows.AllPartitions(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var dossiers = storage.DossierTable(partition);
                var rows = new List<TableEntity>();
                await foreach (var row in dossiers.QueryAsync<TableEntity>(DossierRows.ToEvaluateFilter(partition, now), maxPerPage: 1000, cancellationToken: ct)) rows.Add(row);
                if (rows.Count == 0) return;

                var local = new CounterSet();
                var evaluatedRows = new List<TableTransactionAction>();
                var open = new Dictionary<string, OpenDossier?>(StringComparer.Ordinal);
                foreach (var row in rows)
                {
                    var code = row.RowKey;
                    var dossier = DossierRows.Read(row);
                    var evaluation = DossierEvaluator.Evaluate(dossier, context);
                    if (OpenDossierRow.Fingerprint(evaluation.Open) != dossier.ListedOpen) open[code] = evaluation.Open;
                    var evaluated = new TableEntity(partition, code);
                    var differs = DossierRows.WithEvaluation(evaluated, dossier, evaluation);
                    // A changed row is written even if its evaluation holds: the write clears its mark. A due row's
                    // evaluation always differs: its next check is later, or gone.
                    if (differs || DossierRows.IsChanged(row)) evaluatedRows.Add(DossierRows.Evaluated(evaluated, row.ETag));
                    if (!differs) continue;
                    Interlocked.Increment(ref result.Evaluated);

                    foreach (var c in Evaluation.ParseContributions(dossier.LastContributions)) local.Add(c, -1);
                    foreach (var c in evaluation.Contributions) local.Add(c, +1);
                    var before = Evaluation.ParseFindings(dossier.LastFindings).ToHashSet();
                    var after = evaluation.Findings.ToHashSet();
                    foreach (var f in after) findingChanges.Add(new(f, before.Contains(f) ? FindingChangeKind.Confirmed : FindingChangeKind.Opened));
                    foreach (var f in before.Where(f => !after.Contains(f))) findingChanges.Add(new(f, FindingChangeKind.Resolved));
                }
                if (evaluatedRows.Count > 0)
                {
                    await ensureLease(ct);
                    await DossierRows.SubmitEvaluatedAsync(dossiers, evaluatedRows, WritesInFlightPerBucket, ct);
                }
                await openDossiers.ApplyChangesAsync(open, ct);
                lock (gate) result.Counters.Add(local);
            });

        // Findings of the re-evaluated dossiers, written without reading them; at the same time the
        // counters move by the deltas (every scope and period they count in is re-published).
        await ensureLease(cancellationToken);
        await Task.WhenAll(findings.ApplyAsync(findingChanges, now, Parallelism, cancellationToken), counters.AddAsync(result.Counters, cancellationToken));
        return result;
    }
}
