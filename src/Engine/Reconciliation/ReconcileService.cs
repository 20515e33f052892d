using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Compares the three systems and writes findings and KPIs. Incremental by default: only dossiers
/// with a change marker (written by the sync) or a due marker (a grace period ends) are evaluated,
/// and KPI counters move by the difference between a dossier's old and new contributions. A full
/// pass re-evaluates everything and rewrites counters; it runs after a first or backfill sync, a
/// catalogue change, or when the previous reconciliation did not finish.
/// </summary>
public sealed class ReconcileService(
    HubStorage storage,
    CatalogueStore catalogue,
    CheckpointStore checkpoints,
    FindingStore findings,
    ReconcileStateStore state,
    RunStore runs,
    LeaseStore leases,
    FullPass fullPass,
    IOptions<ReconciliationOptions> options,
    IOptions<SyncOptions> syncOptions,
    TimeProvider time,
    ILogger<ReconcileService> logger)
{
    private const string CatalogueFindingsPartition = "eval-findings";
    private const string SnapshotKpisPartition = "eval-kpis";
    private int Parallelism => syncOptions.Value.WriteParallelism;
    private TableClient Counters(string scope) => storage.ShardOf(HubStorage.KpiCounters, scope);
    private TableClient Activity(string partition) => storage.ShardOf(HubStorage.ProcedureActivity, partition);
    private TableClient KpiTable => storage.Table(HubStorage.Kpis);
    private TableClient CatalogueTable => storage.Table(HubStorage.Catalogue);

    /// <summary>Runs under the reconciliation lease; null when another reconciliation is running.</summary>
    public async Task<RunRecord?> RunAsync(bool forceFull, CancellationToken cancellationToken, string? runId = null)
    {
        var started = time.GetUtcNow();
        var run = new RunRecord { RowKey = runId ?? RunStore.NewId(), Source = Sources.Reconcile, Started = started };
        var lease = await leases.TryAcquireAsync(LeaseStore.ReconcileLease, run.Id, syncOptions.Value.LeaseDuration, cancellationToken);
        if (lease is null) return null;
        var watch = Stopwatch.StartNew();
        var operationsBefore = storage.Operations;
        var heartbeat = leases.KeepAlive(lease, syncOptions.Value.LeaseDuration);
        try
        {
            await runs.SaveAsync(run, cancellationToken);
            var s = await state.GetAsync(cancellationToken);
            var fullRequested = s.FullRequested;
            var republishRequested = s.RepublishRequested;
            var full = forceFull || s.FullPending || !string.IsNullOrEmpty(s.InProgress) || s.EvaluatorVersion != DossierEvaluator.Version;
            var republish = !full && s.RepublishPending;
            s.InProgress = run.Id;
            await state.SaveAsync(s, cancellationToken);

            var (records, mode) = await ReconcileAsync(full, republish, cancellationToken);

            // Clear the in-progress mark; requests that arrived meanwhile stay pending.
            await state.UpdateAsync(done =>
            {
                done.InProgress = "";
                if (full)
                {
                    done.FullDone = fullRequested;
                    done.EvaluatorVersion = DossierEvaluator.Version;
                }
                if (full || republish) done.RepublishDone = republishRequested;
            }, cancellationToken);
            run.Status = Outcomes.Succeeded;
            run.Records = records;
            run.Streams = RunStore.StreamsJson([new { Mode = mode }]);
            Telemetry.HubMetrics.ReconcileEnded(run.Status, mode);
            await EmitGaugesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Reconciliation {RunId} failed", run.Id);
            run.Status = Outcomes.Failed;
            Telemetry.HubMetrics.ReconcileEnded(run.Status, "Unknown");
            run.ErrorKind = Connectors.ErrorKinds.Classify(ex).ToString();
            run.Error = ex.Message.Split('\n')[0];
        }
        finally
        {
            run.Ended = time.GetUtcNow();
            run.DurationMs = watch.ElapsedMilliseconds;
            run.StorageOperations = storage.Operations - operationsBefore;
            await runs.SaveAsync(run, CancellationToken.None);
            await heartbeat.DisposeAsync();
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
        return run;
    }

    /// <summary>The province's KPIs (this year, and the catalogue now) and open findings per rule, as gauges for the alerts.</summary>
    private async Task EmitGaugesAsync(CancellationToken cancellationToken)
    {
        // The reporting year: this year to date, or (before this year has data, as on 1 January) the latest year.
        var province = new List<TableEntity>();
        await foreach (var k in KpiTable.QueryAsync<TableEntity>(e => e.PartitionKey == KpiCells.Province, cancellationToken: cancellationToken)) province.Add(k);
        var year = province.Select(k => k.GetString("Period") ?? "").Where(p => p.Length == 4).DefaultIfEmpty("").Max();
        foreach (var k in province)
        {
            var period = k.GetString("Period");
            if ((period == year || period == GroundTruthPeriods.Current) && k.GetDouble("Value") is { } value && !k.GetString("Kpi")!.StartsWith(KpiPublisher.ScorePrefix, StringComparison.Ordinal))
            {
                Telemetry.HubMetrics.Kpi(k.GetString("Kpi")!, period!, value, k.GetBoolean("Met"));
            }
        }
        var open = Rules.All.ToDictionary(r => r, _ => 0L);
        await foreach (var f in findings.Table.QueryAsync<FindingEntity>(f => f.Status == FindingEntity.Open, select: ["Rule"], cancellationToken: cancellationToken))
        {
            if (open.ContainsKey(f.Rule)) open[f.Rule]++;
        }
        foreach (var (rule, count) in open) Telemetry.HubMetrics.OpenFindings(rule, count);
    }

    private async Task<(long Records, string Mode)> ReconcileAsync(bool full, bool republish, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var phase = Stopwatch.StartNew();
        var (catalogueState, levels) = await catalogue.LoadAsync(new HashSet<string>(), cancellationToken);
        string LevelOf(string agency) => levels.GetValueOrDefault(agency, "Unknown");
        var seen = new SeenUntil(
            (await checkpoints.GetAsync("motcua-dossiers", cancellationToken)).Watermark,
            (await checkpoints.GetAsync("portal-dossiers", cancellationToken)).Watermark,
            (await checkpoints.GetAsync("portal-payments", cancellationToken)).Watermark);
        var context = new EvaluationContext(now, o.Grace, o.PeriodStart, seen);
        var procedures = catalogueState.Procedures.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var publisher = new KpiPublisher(o, LevelOf, now);

        void Phase(string name)
        {
            logger.LogInformation("Reconciliation phase {Phase} took {Ms} ms ({Operations} storage operations so far)", name, phase.ElapsedMilliseconds, storage.Operations);
            phase.Restart();
        }
        Phase("load");
        var pass = full ? await fullPass.RunAsync(context, LevelOf, cancellationToken) : await IncrementalPassAsync(context, LevelOf, cancellationToken);
        Phase(full ? "full pass" : "incremental pass");
        if (full) await ReplaceCountersAsync(pass.Counters!, cancellationToken);
        Phase("counters");

        // Catalogue and LGSP: small, evaluated whole; needs the procedures paid since the period start.
        var paid = new HashSet<string>(StringComparer.Ordinal);
        var paidPartition = CounterCells.ActivityPartition(KpiCells.Province, Contribution.AllTime);
        await foreach (var row in Activity(paidPartition).QueryAsync<TableEntity>(r => r.PartitionKey == paidPartition,
            maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if ((row.GetInt64("Paid") ?? 0) > 0) paid.Add(row.RowKey);
        }
        var catalogueNow = catalogueState with { ProceduresPaidInPeriod = paid };
        await ApplyCatalogueFindingsAsync(CatalogueEvaluator.Findings(catalogueNow, o.FailureThreshold), pass.AllFindings, now, cancellationToken);
        Phase("catalogue findings");
        if (republish)
        {
            // Procedure flags changed: every KPI is assembled again from the stored counters, no dossier is read.
            pass = new PassResult { Evaluated = pass.Evaluated, Counters = await ReadCountersAsync(cancellationToken), AllFindings = pass.AllFindings };
            Phase("counters read for re-publishing");
        }
        await PublishAsync(pass, publisher, procedures, CatalogueEvaluator.Snapshot(catalogueNow, LevelOf), full || republish, cancellationToken);
        Phase("publish");
        return (pass.Evaluated, full ? "Full" : republish ? "Republish" : "Incremental");
    }

    // ---------------------------------------------------------------- incremental pass

    private async Task<PassResult> IncrementalPassAsync(EvaluationContext context, Func<string, string> levelOf, CancellationToken cancellationToken)
    {
        var result = new PassResult();
        var deltas = new ConcurrentDictionary<(string, string, string), long[]>();
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

                var local = new Dictionary<(string, string, string), long[]>();
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

                    foreach (var c in Evaluation.ParseContributions(dossier.LastContributions)) CounterCells.Accumulate(local, c, levelOf, -1);
                    foreach (var c in evaluation.Contributions) CounterCells.Accumulate(local, c, levelOf, +1);
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
                foreach (var (key, cell) in local)
                {
                    if (cell.All(v => v == 0)) continue;
                    deltas.AddOrUpdate(key, _ => cell, (_, total) =>
                    {
                        lock (total)
                        {
                            for (var i = 0; i < cell.Length; i++) total[i] += cell[i];
                        }
                        return total;
                    });
                }
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

        // Counters move by the deltas: per partition, read once, then conditional batches (ETag) that are redone on conflict.
        var counterDeltas = new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal);
        var activityDeltas = new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal);
        foreach (var ((scope, period, key), delta) in deltas)
        {
            var (target, partition, row) = CounterCells.IsActivityKey(key)
                ? (activityDeltas, CounterCells.ActivityPartition(scope, period), key[1..])
                : (counterDeltas, scope, KpiPublisher.RowKeyOf(period, key));
            if (!target.TryGetValue(partition, out var rows)) target[partition] = rows = new(StringComparer.Ordinal);
            if (!rows.TryGetValue(row, out var cell)) rows[row] = cell = new long[delta.Length];
            for (var i = 0; i < delta.Length; i++) cell[i] += delta[i];
            result.TouchedScopes[(scope, period)] = 0;
            if (CounterCells.IsActivityKey(key)) result.TouchedActivity[(scope, period)] = 0;
        }
        await Parallel.ForEachAsync(counterDeltas.Select(d => (Table: Counters(d.Key), d.Key, d.Value, Columns: CounterColumns))
                .Concat(activityDeltas.Select(d => (Table: Activity(d.Key), d.Key, d.Value, Columns: Contribution.ActivityColumns))),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (work, ct) => await AddToPartitionAsync(work.Table, work.Key, work.Value, work.Columns, ct));
        return result;
    }

    /// <summary>Adds deltas to cells of one partition: read, then batches conditional on each cell's ETag; a conflicting batch is read and redone.</summary>
    private static readonly string[] CounterColumns = ["Numerator", "Denominator"];

    private static async Task AddToPartitionAsync(TableClient table, string partition, Dictionary<string, long[]> deltas,
        string[] columns, CancellationToken cancellationToken)
    {
        foreach (var chunk in deltas.Where(d => d.Value.Any(v => v != 0)).Chunk(Batches.MaxBatchSize))
        {
            for (var attempt = 0; ; attempt++)
            {
                var current = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, maxPerPage: 1000, cancellationToken: cancellationToken))
                {
                    current[row.RowKey] = row;
                }
                var actions = new List<TableTransactionAction>();
                foreach (var (rowKey, delta) in chunk)
                {
                    current.TryGetValue(rowKey, out var cell);
                    var updated = new TableEntity(partition, rowKey);
                    var zero = true;
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var value = (cell?.GetInt64(columns[i]) ?? 0) + delta[i];
                        updated[columns[i]] = value;
                        zero &= value == 0;
                    }
                    if (cell is null) actions.Add(new(TableTransactionActionType.Add, updated));
                    else if (zero) actions.Add(new(TableTransactionActionType.Delete, cell, cell.ETag));
                    else actions.Add(new(TableTransactionActionType.UpdateReplace, updated, cell.ETag));
                }
                try
                {
                    Batches.Guard(actions);
                    await table.SubmitTransactionAsync(actions, cancellationToken);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
                {
                    // Another reconciler moved a cell meanwhile: the whole batch was refused, read again.
                }
            }
        }
    }

    // ---------------------------------------------------------------- catalogue findings

    private async Task ApplyCatalogueFindingsAsync(IReadOnlyList<FindingKey> now, Dictionary<FindingKey, FindingEntity>? all, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var stored = await catalogue.ReadAsync(CatalogueFindingsPartition, cancellationToken);
        var before = stored.ToDictionary(r => new FindingKey(r.GetString("Rule"), r.GetString("Agency"), r.GetString("Subject")), r => r);
        var after = now.ToHashSet();
        var changes = new List<FindingEntity>();
        var evalWrites = new List<TableTransactionAction>();
        foreach (var key in after)
        {
            FindingEntity? existing = null;
            if (all is not null) all.TryGetValue(key, out existing);
            else if (!before.ContainsKey(key)) existing = await findings.GetAsync(key, cancellationToken);
            else continue;
            if (existing is { Status: FindingEntity.Open })
            {
                if (!before.ContainsKey(key)) evalWrites.Add(new(TableTransactionActionType.UpsertReplace, EvalRow(key)));
                continue;
            }
            changes.Add(FindingStore.Opened(existing, key, at));
            evalWrites.Add(new(TableTransactionActionType.UpsertReplace, EvalRow(key)));
        }
        foreach (var (key, row) in before.Where(b => !after.Contains(b.Key)))
        {
            var existing = all is not null ? all.GetValueOrDefault(key) : await findings.GetAsync(key, cancellationToken);
            if (existing is { Status: FindingEntity.Open }) changes.Add(FindingStore.ResolvedCopy(existing, at));
            evalWrites.Add(new(TableTransactionActionType.Delete, row, ETag.All));
        }
        if (all is not null)
        {
            // A full pass also resolves catalogue findings that the eval partition lost track of.
            foreach (var (key, existing) in all.Where(a => CounterCells.IsCatalogueRule(a.Key.Rule) && a.Value.Status == FindingEntity.Open && !after.Contains(a.Key) && !before.ContainsKey(a.Key)))
            {
                changes.Add(FindingStore.ResolvedCopy(existing, at));
            }
        }
        await findings.WriteAsync(changes, Parallelism, cancellationToken);
        if (evalWrites.Count > 0) await Batches.SubmitAsync(CatalogueTable, evalWrites, Parallelism, cancellationToken);
    }

    private static TableEntity EvalRow(FindingKey key) =>
        new(CatalogueFindingsPartition, FindingEntity.RowKeyOf(key.Rule, key.Agency + "|" + key.Subject))
        {
            ["Rule"] = key.Rule, ["Agency"] = key.Agency, ["Subject"] = key.Subject,
        };

    // ---------------------------------------------------------------- KPIs

    /// <summary>Every stored counter and activity cell, in the shape a full pass computes them.</summary>
    private async Task<Dictionary<(string Scope, string Period, string Key), long[]>> ReadCountersAsync(CancellationToken cancellationToken)
    {
        var cells = new Dictionary<(string, string, string), long[]>();
        foreach (var shard in storage.Shards(HubStorage.KpiCounters))
        {
            await foreach (var row in shard.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var (period, kpi) = KpiPublisher.SplitRowKey(row.RowKey);
                cells[(row.PartitionKey, period, kpi)] = [.. CounterColumns.Select(c => row.GetInt64(c) ?? 0)];
            }
        }
        foreach (var shard in storage.Shards(HubStorage.ProcedureActivity))
        {
            await foreach (var row in shard.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var (scope, period) = CounterCells.SplitActivityPartition(row.PartitionKey);
                cells[(scope, period, CounterCells.ActivityKey + row.RowKey)] = [.. Contribution.ActivityColumns.Select(c => row.GetInt64(c) ?? 0)];
            }
        }
        return cells;
    }

    private async Task PublishAsync(PassResult pass, KpiPublisher publisher, IReadOnlyDictionary<string, ProcedureFacts> procedures,
        IReadOnlyList<SnapshotCell> snapshot, bool full, CancellationToken cancellationToken)
    {
        var results = new Dictionary<(string Scope, string Period), Dictionary<string, KpiResult>>();
        void Put(KpiResult k)
        {
            if (!results.TryGetValue((k.Scope, k.Period), out var kpis)) results[(k.Scope, k.Period)] = kpis = new(StringComparer.Ordinal);
            kpis[k.Kpi] = k;
        }

        if (full)
        {
            foreach (var ((scope, period, key), cell) in pass.Counters!)
            {
                if (CounterCells.IsActivityKey(key) || cell.All(v => v == 0)) continue;
                Put(publisher.Publish(scope, period, key, cell[0], cell[1]));
            }
            var activity = pass.Counters
                .Where(c => CounterCells.IsActivityKey(c.Key.Key) && c.Key.Period != Contribution.AllTime)
                .GroupBy(c => (c.Key.Scope, c.Key.Period));
            foreach (var scopePeriod in activity)
            {
                var rows = scopePeriod.Select(c => ProcedureActivity.FromSlots(c.Key.Key[1..], c.Value)).ToList();
                foreach (var k in ActivityKpis.Assemble(scopePeriod.Key.Scope, scopePeriod.Key.Period, rows, procedures, publisher)) Put(k);
            }
        }
        else
        {
            foreach (var scopeGroup in pass.TouchedScopes.Keys.Where(k => k.Period != Contribution.AllTime).GroupBy(k => k.Scope))
            {
                var periods = scopeGroup.Select(k => k.Period).ToHashSet(StringComparer.Ordinal);
                await foreach (var cell in Counters(scopeGroup.Key).QueryAsync<TableEntity>(r => r.PartitionKey == scopeGroup.Key, maxPerPage: 1000, cancellationToken: cancellationToken))
                {
                    var bar = cell.RowKey.IndexOf('|', StringComparison.Ordinal);
                    var period = cell.RowKey[..bar];
                    if (!periods.Contains(period)) continue;
                    Put(publisher.Publish(scopeGroup.Key, period, cell.RowKey[(bar + 1)..], cell.GetInt64("Numerator") ?? 0, cell.GetInt64("Denominator") ?? 0));
                }
                foreach (var period in periods)
                {
                    if (!results.ContainsKey((scopeGroup.Key, period))) results[(scopeGroup.Key, period)] = new(StringComparer.Ordinal);
                }
            }
            // Every touched scope and period gets all its KPIs recomputed: rows of KPIs left out would be deleted as stale.
            foreach (var (scope, period) in pass.TouchedActivity.Keys.Union(pass.TouchedScopes.Keys))
            {
                if (period == Contribution.AllTime) continue;
                var rows = new List<ProcedureActivity>();
                var partition = CounterCells.ActivityPartition(scope, period);
                await foreach (var cell in Activity(partition).QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
                {
                    rows.Add(ProcedureActivity.FromSlots(cell.RowKey, Contribution.ActivityColumns.Select(c => cell.GetInt64(c) ?? 0).ToList()));
                }
                if (!results.ContainsKey((scope, period))) results[(scope, period)] = new(StringComparer.Ordinal);
                foreach (var k in ActivityKpis.Assemble(scope, period, rows, procedures, publisher)) Put(k);
            }
        }

        // Snapshot KPIs are recomputed every run; Decision 766 scores follow the KPIs they use.
        foreach (var cell in snapshot) Put(publisher.Publish(cell.Scope, GroundTruthPeriods.Current, cell.Kpi, cell.Numerator, cell.Denominator));
        foreach (var ((scope, period), kpis) in results.ToList())
        {
            if (period == GroundTruthPeriods.Current) continue;
            foreach (var score in publisher.Scores(scope, period, kpis)) kpis[score.Kpi] = score;
        }
        await WriteKpisAsync(results, full, cancellationToken);
    }

    /// <summary>Full pass: counters become exactly what was computed; stale cells are deleted.</summary>
    private async Task ReplaceCountersAsync(Dictionary<(string Scope, string Period, string Key), long[]> computed, CancellationToken cancellationToken)
    {
        var wantedCounters = new Dictionary<(string, string), TableEntity>();
        var wantedActivity = new Dictionary<(string, string), TableEntity>();
        foreach (var ((scope, period, key), cell) in computed)
        {
            if (cell.All(v => v == 0)) continue;
            if (CounterCells.IsActivityKey(key))
            {
                var partition = CounterCells.ActivityPartition(scope, period);
                var row = new TableEntity(partition, key[1..]);
                for (var i = 0; i < Contribution.ActivityColumns.Length; i++) row[Contribution.ActivityColumns[i]] = cell[i];
                wantedActivity[(partition, key[1..])] = row;
            }
            else
            {
                wantedCounters[(scope, KpiPublisher.RowKeyOf(period, key))] = new TableEntity(scope, KpiPublisher.RowKeyOf(period, key))
                {
                    ["Numerator"] = cell[0], ["Denominator"] = cell[1],
                };
            }
        }
        await ReplaceTableAsync(HubStorage.KpiCounters, wantedCounters, CounterColumns, cancellationToken);
        await ReplaceTableAsync(HubStorage.ProcedureActivity, wantedActivity, Contribution.ActivityColumns, cancellationToken);
    }

    /// <summary>Makes a sharded table hold exactly <paramref name="wanted"/>: reads every shard, writes only what differs.</summary>
    private async Task ReplaceTableAsync(string table, Dictionary<(string, string), TableEntity> wanted, string[] columns, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var seen = new HashSet<(string, string)>();
        foreach (var shard in storage.Shards(table))
        {
            await foreach (var row in shard.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var key = (row.PartitionKey, row.RowKey);
                if (!wanted.TryGetValue(key, out var want)) actions.Add(new(TableTransactionActionType.Delete, row, row.ETag));
                else if (columns.Any(c => row.GetInt64(c) != want.GetInt64(c))) actions.Add(new(TableTransactionActionType.UpsertReplace, want));
                seen.Add(key);
            }
        }
        actions.AddRange(wanted.Where(w => !seen.Contains(w.Key)).Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, w.Value)));
        if (actions.Count > 0) await Batches.SubmitAsync(partition => storage.ShardOf(table, partition), actions, Parallelism, cancellationToken);
    }

    /// <summary>Writes KPI rows that changed. A full pass also deletes rows of cells that no longer exist; an incremental one deletes those of its touched scopes.</summary>
    private async Task WriteKpisAsync(Dictionary<(string Scope, string Period), Dictionary<string, KpiResult>> results, bool full, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var existing = new Dictionary<(string, string), TableEntity>();
        if (full)
        {
            await foreach (var row in KpiTable.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken)) existing[(row.PartitionKey, row.RowKey)] = row;
        }
        else
        {
            foreach (var scopeGroup in results.Keys.GroupBy(k => k.Scope))
            {
                var periods = scopeGroup.Select(k => k.Period).ToHashSet(StringComparer.Ordinal);
                await foreach (var row in KpiTable.QueryAsync<TableEntity>(r => r.PartitionKey == scopeGroup.Key, maxPerPage: 1000, cancellationToken: cancellationToken))
                {
                    if (periods.Contains(row.GetString("Period") ?? "")) existing[(row.PartitionKey, row.RowKey)] = row;
                }
            }
        }
        var wanted = new HashSet<(string, string)>();
        foreach (var k in results.Values.SelectMany(v => v.Values))
        {
            var row = new TableEntity(k.Scope, KpiPublisher.RowKeyOf(k.Period, k.Kpi))
            {
                ["Scope"] = k.Scope, ["Period"] = k.Period, ["Kpi"] = k.Kpi, ["Numerator"] = k.Numerator, ["Denominator"] = k.Denominator,
                ["Value"] = k.Value, ["Target"] = k.Target, ["Met"] = k.Met,
            };
            wanted.Add((row.PartitionKey, row.RowKey));
            if (existing.TryGetValue((row.PartitionKey, row.RowKey), out var old) && Same(old, row)) continue;
            actions.Add(new(TableTransactionActionType.UpsertReplace, row));
        }
        foreach (var (key, old) in existing)
        {
            if (!wanted.Contains(key) && (full || old.GetString("Period") != GroundTruthPeriods.Current)) actions.Add(new(TableTransactionActionType.Delete, old, old.ETag));
        }
        if (!full)
        {
            // Snapshot rows of scopes that no longer have them (e.g. an agency's last sharing application left).
            var stored = await catalogue.ReadAsync(SnapshotKpisPartition, cancellationToken);
            var evalActions = new List<TableTransactionAction>();
            foreach (var row in stored.Where(r => !wanted.Contains((r.GetString("Scope")!, KpiPublisher.RowKeyOf(GroundTruthPeriods.Current, r.GetString("Kpi")!)))))
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(row.GetString("Scope"), KpiPublisher.RowKeyOf(GroundTruthPeriods.Current, row.GetString("Kpi")!)), ETag.All));
                evalActions.Add(new(TableTransactionActionType.Delete, row, ETag.All));
            }
            foreach (var k in results.Where(r => r.Key.Period == GroundTruthPeriods.Current).SelectMany(r => r.Value.Values))
            {
                if (!stored.Any(r => r.GetString("Scope") == k.Scope && r.GetString("Kpi") == k.Kpi))
                {
                    evalActions.Add(new(TableTransactionActionType.UpsertReplace, SnapshotEvalRow(k)));
                }
            }
            await SubmitIgnoringMissingAsync(KpiTable, actions, cancellationToken);
            if (evalActions.Count > 0) await Batches.SubmitAsync(CatalogueTable, evalActions, Parallelism, cancellationToken);
            return;
        }
        await SubmitIgnoringMissingAsync(KpiTable, actions, cancellationToken);
        var evalRows = results.Where(r => r.Key.Period == GroundTruthPeriods.Current).SelectMany(r => r.Value.Values).Select(SnapshotEvalRow).ToList();
        await catalogue.WriteSnapshotAsync(SnapshotKpisPartition, evalRows, [], Parallelism, cancellationToken);
    }

    private static TableEntity SnapshotEvalRow(KpiResult k) =>
        new(SnapshotKpisPartition, FindingEntity.RowKeyOf(k.Kpi, k.Scope)) { ["Scope"] = k.Scope, ["Kpi"] = k.Kpi };

    private async Task SubmitIgnoringMissingAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0) return;
        try
        {
            await Batches.SubmitAsync(table, actions, Parallelism, cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            // A delete of a row already gone fails its whole batch: fall back to one by one.
            foreach (var action in actions)
            {
                try
                {
                    if (action.ActionType == TableTransactionActionType.Delete)
                        await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
                    else
                        await table.UpsertEntityAsync((TableEntity)action.Entity, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                }
            }
        }
    }

    private static bool Same(TableEntity a, TableEntity b) =>
        new[] { "Numerator", "Denominator", "Value", "Target", "Met" }.All(k => Equals(a.TryGetValue(k, out var x) ? x : null, b.TryGetValue(k, out var y) ? y : null));
}

/// <summary>The period name of snapshot KPIs.</summary>
public static class GroundTruthPeriods
{
    public const string Current = "current";
}
