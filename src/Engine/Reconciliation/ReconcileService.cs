using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Compares the three systems and writes findings and KPIs: the run's lifecycle (lease, run record,
/// state) and the order of its steps. Incremental by default (<see cref="IncrementalPass"/>); full
/// (<see cref="FullPass"/>) after a first load or backfill, an agency's level change, an evaluator
/// of another version, or when the previous reconciliation did not finish; a change of procedure
/// flags re-publishes the KPIs from the counters. Then the catalogue findings, then the KPIs.
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
    IncrementalPass incrementalPass,
    CounterStore counters,
    CatalogueFindings catalogueFindings,
    KpiStore kpis,
    IOptions<ReconciliationOptions> options,
    IOptions<SyncOptions> syncOptions,
    TimeProvider time,
    ILogger<ReconcileService> logger)
{

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
        var province = await kpis.ReadScopeAsync(KpiCells.Province, cancellationToken);
        var year = province.Select(k => k.Period).Where(p => p.Length == 4).DefaultIfEmpty("").Max();
        foreach (var k in province)
        {
            if ((k.Period == year || k.Period == GroundTruthPeriods.Current) && k.Value is { } value && !k.Kpi.StartsWith(KpiPublisher.ScorePrefix, StringComparison.Ordinal))
            {
                Telemetry.HubMetrics.Kpi(k.Kpi, k.Period, value, k.Met);
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
        var pass = full ? await fullPass.RunAsync(context, LevelOf, cancellationToken) : await incrementalPass.RunAsync(context, LevelOf, cancellationToken);
        Phase(full ? "full pass" : "incremental pass");
        if (full) await counters.ReplaceAllAsync(pass.Counters!, cancellationToken);
        Phase("counters");

        // Catalogue and LGSP: small, evaluated whole; needs the procedures paid since the period start.
        var catalogueNow = catalogueState with { ProceduresPaidInPeriod = await counters.ProceduresPaidSinceStartAsync(cancellationToken) };
        await catalogueFindings.ApplyAsync(CatalogueEvaluator.Findings(catalogueNow, o.FailureThreshold), pass.AllFindings, now, cancellationToken);
        Phase("catalogue findings");
        if (republish)
        {
            // Procedure flags changed: every KPI is assembled again from the stored counters, no dossier is read.
            pass = new PassResult { Evaluated = pass.Evaluated, Counters = await counters.ReadAllAsync(cancellationToken), AllFindings = pass.AllFindings };
            Phase("counters read for re-publishing");
        }
        await PublishAsync(pass, publisher, procedures, CatalogueEvaluator.Snapshot(catalogueNow, LevelOf), full || republish, cancellationToken);
        Phase("publish");
        return (pass.Evaluated, full ? "Full" : republish ? "Republish" : "Incremental");
    }

    // ---------------------------------------------------------------- KPIs

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
                foreach (var (period, kpi, numerator, denominator) in await counters.ReadScopeAsync(scopeGroup.Key, periods, cancellationToken))
                {
                    Put(publisher.Publish(scopeGroup.Key, period, kpi, numerator, denominator));
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
                var rows = await counters.ReadActivityAsync(scope, period, cancellationToken);
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
        await kpis.WriteAsync(results, full, cancellationToken);
    }
}

/// <summary>The period name of snapshot KPIs.</summary>
public static class GroundTruthPeriods
{
    public const string Current = "current";
}
