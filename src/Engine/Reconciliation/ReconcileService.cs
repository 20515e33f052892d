using System.Diagnostics;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Compares the three systems and writes findings and KPIs: the run's lifecycle (lease, run record,
/// state) and the order of its steps. Incremental by default (<see cref="IncrementalPass"/>); full
/// (<see cref="FullPass"/>) after a first load or backfill, an evaluator of another version, or when
/// the previous reconciliation did not finish; a change of procedure flags or of an agency's level
/// re-publishes every KPI from the counters, reading no dossier. Then the catalogue findings, then the KPIs.
/// </summary>
public sealed class ReconcileService(
    HubStorage storage,
    CatalogueStore catalogue,
    CheckpointStore checkpoints,
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
        var run = new RunRecord { RowKey = runId ?? RunStore.NewId(), Source = Sources.Reconcile, Started = started, Worker = RunRecord.ThisProcess };
        var lease = await leases.TryAcquireAsync(LeaseStore.ReconcileLease, run.Id, syncOptions.Value.LeaseDuration, cancellationToken);
        if (lease is null) return null;
        if (lease.PreviousHolder is { } previous && previous != run.Id) await runs.MarkAbandonedAsync(previous, run.Id, started, cancellationToken);
        // A reconciliation whose lease was taken over stops before its next write (each checks the
        // lease: EnsureLease), and never marks its work done.
        using var leased = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
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

            Task EnsureLease(CancellationToken ct) => lease.EnsureHeldAsync(leases, syncOptions.Value.LeaseDuration, ct);
            var (records, mode, openByRule, snapshot) = await ReconcileAsync(full, republish, s.CountersSnapshot, run.Id, EnsureLease, leased.Token);

            // Clear the in-progress mark; requests that arrived meanwhile stay pending.
            await lease.EnsureHeldAsync(leases, syncOptions.Value.LeaseDuration, cancellationToken);
            await state.UpdateAsync(done =>
            {
                done.InProgress = "";
                done.CountersSnapshot = snapshot;
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
            var gauges = Stopwatch.StartNew();
            await ReconcileGauges.EmitAsync(kpis, openByRule, cancellationToken);
            logger.LogInformation("Reconciliation gauges took {Ms} ms", gauges.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (lease.IsLost) ex = new LeaseLostException(lease.Name, run.Id);
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

    /// <summary>The run's steps; returns what it evaluated and found, and the run whose counters snapshot is now the table's.</summary>
    private async Task<(long Records, string Mode, Dictionary<string, long> OpenByRule, string Snapshot)> ReconcileAsync(
        bool full, bool republish, string snapshotBefore, string runId, Func<CancellationToken, Task> ensureLease, CancellationToken cancellationToken)
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
        var pass = full ? await fullPass.RunAsync(context, ensureLease, cancellationToken) : await incrementalPass.RunAsync(context, ensureLease, cancellationToken);
        Phase(full ? "full pass" : "incremental pass");
        CounterSet all;
        var snapshotNow = snapshotBefore;
        await ensureLease(cancellationToken);
        if (full)
        {
            await counters.ReplaceAllAsync(pass.Counters, cancellationToken);
            all = pass.Counters;
        }
        else
        {
            all = await counters.ReadAfterDeltasAsync(snapshotBefore, pass.Counters, cancellationToken);
        }
        // The snapshot is saved (serialised on a pool thread) while the findings and KPIs are worked
        // out: nothing changes the counters any more.
        var saving = Task.CompletedTask;
        if (full || snapshotBefore.Length == 0 || pass.Counters.Cells.Count > 0)
        {
            saving = Task.Run(() => counters.SaveSnapshotAsync(all, runId, cancellationToken), cancellationToken);
            snapshotNow = runId;
        }
        Phase("counters");
        Dictionary<string, long> openByRule;
        try
        {
            // Catalogue and LGSP: small, evaluated whole; needs the procedures paid since the period start.
            var catalogueNow = catalogueState with { ProceduresPaidInPeriod = all.ProceduresPaidSinceStart() };
            var catalogueOpen = CatalogueEvaluator.Findings(catalogueNow, o.FailureThreshold);
            await catalogueFindings.ApplyAsync(catalogueOpen, pass.AllFindings, now, cancellationToken);
            openByRule = all.OpenFindingsByRule();
            foreach (var f in catalogueOpen.Distinct()) openByRule[f.Rule] = openByRule.GetValueOrDefault(f.Rule) + 1;
            Phase("catalogue findings");

            // Every KPI is assembled from the counters; an incremental run writes those its deltas count in.
            var everything = full || republish;
            var touched = everything ? null : pass.Counters.Cells.Keys.Where(k => k.Month != Contribution.AllTime)
                .SelectMany(k => KpiAssembler.ScopePeriods(k.Agency, k.Month, LevelOf)).ToHashSet();
            var results = KpiAssembler.Assemble(all, LevelOf, procedures, publisher, VietnamTime.Month(now), touched);
            // A touched scope and period whose KPIs all came to nothing is written empty (its old rows go).
            if (touched is not null) results = touched.ToDictionary(t => t, t => results.GetValueOrDefault(t) ?? new(StringComparer.Ordinal));
            // Snapshot KPIs are recomputed every run; Decision 766 scores follow the KPIs they use.
            foreach (var cell in CatalogueEvaluator.Snapshot(catalogueNow, LevelOf))
            {
                if (!results.TryGetValue((cell.Scope, GroundTruthPeriods.Current), out var snapshot)) results[(cell.Scope, GroundTruthPeriods.Current)] = snapshot = new(StringComparer.Ordinal);
                snapshot[cell.Kpi] = publisher.Publish(cell.Scope, GroundTruthPeriods.Current, cell.Kpi, cell.Numerator, cell.Denominator);
            }
            foreach (var ((scope, period), kpiResults) in results)
            {
                if (period == GroundTruthPeriods.Current) continue;
                foreach (var score in publisher.Scores(scope, period, kpiResults)) kpiResults[score.Kpi] = score;
            }
            await ensureLease(cancellationToken);
            await kpis.WriteAsync(results, everything, cancellationToken);
            Phase("publish");
        }
        finally
        {
            await saving;
        }
        return (pass.Evaluated, full ? "Full" : republish ? "Republish" : "Incremental", openByRule, snapshotNow);
    }
}
