using System.Diagnostics;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// What a reconciliation does once its pass is done, whichever pass and wherever it ran: the counters
/// stored (a full pass replaces them, an incremental one added its deltas), the catalogue findings,
/// and the KPIs assembled from the counters: all of them after a full pass or a re-publication, those
/// the deltas count in otherwise. Then, once the run is recorded a success, what others read of it
/// (<see cref="AnnounceAsync"/>): the gauges for the alerts and the Status rows agencies poll.
/// </summary>
public sealed class ReconcileCompletion(
    HubStorage storage, CatalogueStore catalogue, CounterStore counters, CatalogueFindings catalogueFindings, KpiStore kpis,
    Queries.StatusPublisher status, IOptions<ReconciliationOptions> options, ILogger<ReconcileCompletion> logger)
{
    /// <summary>
    /// Returns the open findings by rule, and by agency and rule (dossier findings from the counters,
    /// catalogue findings as evaluated: the Findings table is not read again), and the run whose
    /// counters snapshot is now the table's.
    /// </summary>
    public async Task<(Dictionary<string, long> OpenByRule, Dictionary<string, SortedDictionary<string, int>> OpenByAgency, string Snapshot)> CompleteAsync(ReconcileStart start, PassResult pass, CancellationToken cancellationToken)
    {
        var now = start.Context.Now;
        var o = options.Value;
        var phase = Stopwatch.StartNew();
        void Phase(string name)
        {
            logger.LogInformation("Reconciliation phase {Phase} took {Ms} ms ({Operations} storage operations so far)", name, phase.ElapsedMilliseconds, storage.Operations);
            phase.Restart();
        }
        var (catalogueState, levels) = await catalogue.LoadAsync(new HashSet<string>(), cancellationToken);
        string LevelOf(string agency) => levels.GetValueOrDefault(agency, "Unknown");
        var procedures = catalogueState.Procedures.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var publisher = new KpiPublisher(o, LevelOf, now);
        Phase("load");

        CounterSet all;
        var snapshotNow = start.SnapshotBefore;
        await start.EnsureLeaseAsync(cancellationToken);
        if (start.Full)
        {
            await counters.ReplaceAllAsync(pass.Counters, cancellationToken);
            all = pass.Counters;
        }
        else
        {
            all = await counters.ReadAfterDeltasAsync(start.SnapshotBefore, pass.Counters, cancellationToken);
        }
        // The snapshot is saved (serialised on a pool thread) while the findings and KPIs are worked
        // out: nothing changes the counters any more.
        var saving = Task.CompletedTask;
        if (start.Full || start.SnapshotBefore.Length == 0 || pass.Counters.Cells.Count > 0)
        {
            saving = Task.Run(() => counters.SaveSnapshotAsync(all, start.Run.Id, cancellationToken), cancellationToken);
            snapshotNow = start.Run.Id;
        }
        Phase("counters");
        try
        {
            // Catalogue and LGSP: small, evaluated whole; needs the procedures paid since the period start.
            var catalogueNow = catalogueState with { ProceduresPaidInPeriod = all.ProceduresPaidSinceStart(), AsOf = now };
            var catalogueOpen = CatalogueEvaluator.Findings(catalogueNow, o.FailureThreshold);
            await catalogueFindings.ApplyAsync(catalogueOpen, pass.AllFindings, now, cancellationToken);
            var openByAgency = all.OpenFindingsByAgencyAndRule();
            foreach (var f in catalogueOpen.Distinct())
            {
                var rules = openByAgency.TryGetValue(f.Agency, out var found) ? found : openByAgency[f.Agency] = new SortedDictionary<string, int>(StringComparer.Ordinal);
                rules[f.Rule] = rules.GetValueOrDefault(f.Rule) + 1;
            }
            var openByRule = CounterSet.SumByRule(openByAgency);
            Phase("catalogue findings");

            // Every KPI is assembled from the counters; an incremental run writes those its deltas count in.
            var everything = start.Full || start.Republish;
            var touched = everything ? null : KpiAssembler.Touched(pass.Counters.Cells.Keys.Where(k => k.Month != Contribution.AllTime), LevelOf);
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
            Phase("assemble");
            await start.EnsureLeaseAsync(cancellationToken);
            await kpis.WriteAsync(results, everything, cancellationToken);
            Phase("publish");
            return (openByRule, openByAgency, snapshotNow);
        }
        finally
        {
            await saving;
        }
    }

    /// <summary>The province's KPIs and open findings per rule as gauges for the alerts; every agency's and source's Status row.</summary>
    public async Task AnnounceAsync(Dictionary<string, long> openByRule, Dictionary<string, SortedDictionary<string, int>> openByAgency, CancellationToken cancellationToken)
    {
        var phase = Stopwatch.StartNew();
        await ReconcileGauges.EmitAsync(kpis, openByRule, cancellationToken);
        logger.LogInformation("Reconciliation gauges took {Ms} ms", phase.ElapsedMilliseconds);
        phase.Restart();
        await status.PublishAllAsync(openByAgency, cancellationToken);
        logger.LogInformation("Reconciliation status rows took {Ms} ms", phase.ElapsedMilliseconds);
    }
}
