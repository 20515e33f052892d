using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The incremental reconciliation pass: only dossiers a sync marked changed (one query per bucket
/// reads them whole) or with a due marker (a grace period ends) are evaluated; their findings are
/// opened, confirmed or resolved, and the counters move by the difference between old and new
/// contributions.
/// </summary>
public sealed class IncrementalPass(HubStorage storage, FindingStore findings, CounterStore counters, IOptions<SyncOptions> options)
{
    private const int WritesInFlightPerBucket = 2;

    private int Parallelism => options.Value.WriteParallelism;

    public async Task<PassResult> RunAsync(EvaluationContext context, CancellationToken cancellationToken)
    {
        var result = new PassResult();
        var gate = new Lock();
        var findingChanges = new ConcurrentBag<FindingChange>();
        var now = context.Now;

        await Parallel.ForEachAsync(DossierRows.AllPartitions(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var dossiers = storage.DossierTable(partition);
                var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                await foreach (var row in dossiers.QueryAsync<TableEntity>(DossierRows.ChangedFilter(partition), maxPerPage: 1000, cancellationToken: ct)) rows[row.RowKey] = row;
                var dueMarkers = new List<ITableEntity>();
                await foreach (var m in dossiers.QueryAsync<TableEntity>(DossierRows.DueFilter(partition, now), maxPerPage: 1000, cancellationToken: ct)) dueMarkers.Add(m);
                foreach (var code in dueMarkers.Select(m => DossierRows.CodeOfMarker(m.RowKey)).Distinct(StringComparer.Ordinal))
                {
                    if (rows.ContainsKey(code)) continue;
                    var found = await dossiers.GetEntityIfExistsAsync<TableEntity>(partition, code, cancellationToken: ct);
                    if (found.HasValue) rows[code] = found.Value!;
                }
                if (rows.Count == 0 && dueMarkers.Count == 0) return;

                var local = new CounterSet();
                var evaluatedRows = new List<TableTransactionAction>();
                var markerWrites = new List<TableTransactionAction>();
                foreach (var row in rows.Values)
                {
                    var code = row.RowKey;
                    var dossier = DossierRows.Read(row);
                    var evaluation = DossierEvaluator.Evaluate(dossier, context);
                    var evaluated = new TableEntity(partition, code);
                    var differs = DossierRows.WithEvaluation(evaluated, dossier, evaluation);
                    // A changed row is written even if its evaluation holds: the write clears its mark.
                    if (differs || DossierRows.IsChanged(row)) evaluatedRows.Add(DossierRows.Evaluated(evaluated, row.ETag));
                    if (!differs) continue;
                    Interlocked.Increment(ref result.Evaluated);

                    foreach (var c in Evaluation.ParseContributions(dossier.LastContributions)) local.Add(c, -1);
                    foreach (var c in evaluation.Contributions) local.Add(c, +1);
                    var before = Evaluation.ParseFindings(dossier.LastFindings).ToHashSet();
                    var after = evaluation.Findings.ToHashSet();
                    foreach (var f in after) findingChanges.Add(new(f, before.Contains(f) ? FindingChangeKind.Confirmed : FindingChangeKind.Opened));
                    foreach (var f in before.Where(f => !after.Contains(f))) findingChanges.Add(new(f, FindingChangeKind.Resolved));

                    if (evaluation.NextCheck is { } due && due != dossier.NextCheck)
                    {
                        markerWrites.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, DossierRows.DueMarkerFor(code, due)));
                    }
                    if (dossier.NextCheck is { } oldDue && oldDue > now && oldDue != evaluation.NextCheck)
                    {
                        markerWrites.Add(new TableTransactionAction(TableTransactionActionType.Delete, DossierRows.DueMarkerFor(code, oldDue), ETag.All));
                    }
                }
                if (evaluatedRows.Count > 0) await DossierRows.SubmitEvaluatedAsync(dossiers, evaluatedRows, WritesInFlightPerBucket, ct);
                if (markerWrites.Count > 0) await Batches.SubmitAsync(dossiers, markerWrites, WritesInFlightPerBucket, ct);
                await Batches.DeleteUnchangedAsync(dossiers, dueMarkers, WritesInFlightPerBucket, ct);
                lock (gate) result.Counters.Add(local);
            });

        // Findings of the re-evaluated dossiers, written without reading them.
        await findings.ApplyAsync(findingChanges, now, Parallelism, cancellationToken);

        // Counters move by the deltas; every scope and period they count in is re-published.
        await counters.AddAsync(result.Counters, cancellationToken);
        return result;
    }
}
