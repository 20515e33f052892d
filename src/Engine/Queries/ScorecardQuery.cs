using System.Collections.Concurrent;
using IntegrationHub.Engine.Reports;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// The scorecard of a period (<see cref="Scorecard"/>): the period's KPI rows, the agencies, and the
/// late dossiers, read from the province's record of every dossier (the 64 bucket tables, eight at a
/// time, only that column).
/// </summary>
public sealed class ScorecardQuery(KpiStore kpis, CatalogueStore catalogue, DossierScan dossiers)
{
    private const int BucketsInFlight = 8;

    public async Task<Scorecard> ReadAsync(string period, CancellationToken cancellationToken)
    {
        var agencies = await catalogue.ReadAgenciesAsync(cancellationToken);
        var rows = await kpis.ReadPeriodAsync(period, cancellationToken);
        var late = new ConcurrentBag<LateDossier>();
        await Parallel.ForEachAsync(DossierRows.AllPartitions(), new ParallelOptions { MaxDegreeOfParallelism = BucketsInFlight, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                await foreach (var (code, p) in dossiers.ProvinceRecordsAsync(partition, ct))
                {
                    if (p.Result is { } result && result > p.Due && ScorecardBuilder.InPeriod(result, period))
                    {
                        late.Add(new LateDossier(code, p.Agency, p.Procedure, p.Received, p.Due, result, p.Apology));
                    }
                }
            });
        return ScorecardBuilder.Build(period, agencies, rows, late);
    }
}
