using System.Collections.Concurrent;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Reports;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// The scorecard of a period (<see cref="Scorecard"/>): the period's KPI rows, the agencies, and the
/// late dossiers, read from the province's record of every dossier (the 64 bucket tables, eight at a
/// time, only that column). Open dossiers are judged at the hub's clock, the KPIs at their last
/// reconciliation: a dossier that fell due since is in the list before it is in the KPIs.
/// </summary>
public sealed class ScorecardQuery(KpiStore kpis, CatalogueStore catalogue, DossierScan dossiers, EvaluationInputs inputs, TimeProvider time)
{
    private const int BucketsInFlight = 8;

    public async Task<Scorecard> ReadAsync(string period, CancellationToken cancellationToken)
    {
        var agencies = await catalogue.ReadAgenciesAsync(cancellationToken);
        var rows = await kpis.ReadPeriodAsync(period, cancellationToken);
        var late = new ConcurrentBag<LateDossier>();
        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(DossierRows.AllPartitions(), new ParallelOptions { MaxDegreeOfParallelism = BucketsInFlight, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                await foreach (var (code, p) in dossiers.ProvinceRecordsAsync(partition, ct))
                {
                    if (!ScorecardBuilder.InPeriod(p.Received, period)) continue;
                    var progress = DossierProgress.Of(p, inputs.Calendar, now);
                    if (!progress.Late) continue;
                    late.Add(new LateDossier(code, p.Agency, p.Procedure, p.Received, progress.Due, progress.Ended, p.Apology, now)
                    {
                        Handler = p.Handler, HandlerName = p.HandlerName,
                    });
                }
            });
        return ScorecardBuilder.Build(period, agencies, rows, late);
    }
}
