using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>The KPI rows of one scope (an agency, a level, the province) and period, with the snapshot KPIs.</summary>
public sealed class KpiQuery(KpiStore kpis)
{
    public async Task<KpiView> ReadAsync(string scope, string period, CancellationToken cancellationToken)
    {
        var ofPeriod = new List<KpiLine>();
        var snapshot = new List<KpiLine>();
        foreach (var k in await kpis.ReadScopeAsync(scope, cancellationToken))
        {
            if (k.Period != period && k.Period != GroundTruthPeriods.Current) continue;
            (k.Period == period ? ofPeriod : snapshot).Add(new KpiLine(k.Kpi, k.Numerator, k.Denominator, k.Value, k.Target, k.Met));
        }
        return new KpiView(scope, period, ofPeriod, snapshot);
    }
}
