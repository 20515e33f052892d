using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The incremental reconciliation pass: only dossiers with a change marker (written by the sync) or
/// a due marker (a grace period ends) are evaluated; their findings are opened, confirmed or
/// resolved, and the counters move by the difference between old and new contributions.
/// </summary>
public sealed class IncrementalPass(HubStorage storage, FindingStore findings, CounterStore counters, IOptions<SyncOptions> options)
{
    private int Parallelism => options.Value.WriteParallelism;

    public async Task<PassResult> RunAsync(EvaluationContext context, CancellationToken cancellationToken)
    {
        var result = new PassResult();
        var gate = new Lock();
        var findingChanges = new ConcurrentBag<(FindingKey Key, bool Open)>();
        var confirmedFindings = new ConcurrentBag<FindingKey>();
        var now = context.Now;
        var dueLimit = DossierRows.DueMarker + now.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "|\uffff";

        await Parallel.ForEachAsync(DossierRows.AllPartitions(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                // Change markers ("~chg|") sort just before due markers ("~due|"): one range read gets both.
                var dossiers = storage.DossierTable(partition);
                var markers = new List<ITableEntity>();
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {DossierRows.ChangeMarker} and RowKey le {dueLimit}");
                await foreach (var m in dossiers.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct)) markers.Add(m);
                if (markers.Count == 0) return;

                var local = new CounterSet();
                var writes = new List<TableTransactionAction>();
                foreach (var code in markers.Select(m => DossierRows.CodeOfMarker(m.RowKey)).Distinct(StringComparer.Ordinal))
                {
                    var found = await dossiers.GetEntityIfExistsAsync<TableEntity>(partition, code, cancellationToken: ct);
                    if (!found.HasValue) continue;
                    var dossier = DossierRows.Read(found.Value!);
                    var evaluation = DossierEvaluator.Evaluate(dossier, context);
                    var evaluated = new TableEntity(partition, code);
                    if (!DossierRows.WithEvaluation(evaluated, dossier, evaluation)) continue;
                    writes.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, evaluated));
                    Interlocked.Increment(ref result.Evaluated);

                    foreach (var c in Evaluation.ParseContributions(dossier.LastContributions)) local.Add(c, -1);
                    foreach (var c in evaluation.Contributions) local.Add(c, +1);
                    var before = Evaluation.ParseFindings(dossier.LastFindings).ToHashSet();
                    var after = evaluation.Findings.ToHashSet();
                    foreach (var f in after)
                    {
                        if (before.Contains(f)) confirmedFindings.Add(f);
                        else findingChanges.Add((f, true));
                    }
                    foreach (var f in before.Where(f => !after.Contains(f))) findingChanges.Add((f, false));

                    if (evaluation.NextCheck is { } due && due != dossier.NextCheck)
                    {
                        writes.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, DossierRows.DueMarkerFor(code, due)));
                    }
                    if (dossier.NextCheck is { } oldDue && oldDue > now && oldDue != evaluation.NextCheck)
                    {
                        writes.Add(new TableTransactionAction(TableTransactionActionType.Delete, DossierRows.DueMarkerFor(code, oldDue), ETag.All));
                    }
                }
                if (writes.Count > 0) await Batches.SubmitAsync(dossiers, writes, 2, ct);
                await Batches.DeleteUnchangedAsync(dossiers, markers, 2, ct);
                lock (gate) result.Counters.Add(local);
            });

        // Findings of the re-evaluated dossiers.
        var changes = new ConcurrentBag<FindingEntity>();
        await Parallel.ForEachAsync(findingChanges.GroupBy(c => c.Key).Select(g => g.Last()), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (change, ct) =>
            {
                var existing = await findings.GetAsync(change.Key, ct);
                if (change.Open) changes.Add(FindingStore.Opened(existing, change.Key, now));
                else if (existing is { Status: FindingEntity.Open }) changes.Add(FindingStore.ResolvedCopy(existing, now));
            });
        await Parallel.ForEachAsync(confirmedFindings.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                var existing = await findings.GetAsync(key, ct);
                if (existing is { Status: FindingEntity.Open })
                {
                    existing.LastSeen = now;
                    changes.Add(existing);
                }
                else
                {
                    changes.Add(FindingStore.Opened(existing, key, now));
                }
            });
        await findings.WriteAsync(changes, Parallelism, cancellationToken);

        // Counters move by the deltas; every scope and period they count in is re-published.
        await counters.AddAsync(result.Counters, cancellationToken);
        return result;
    }
}
