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
            (k.Period == period ? ofPeriod : snapshot).Add(new KpiLine(k.Kpi, k.Numerator, k.Denominator, k.Value, k.Target, k.Met) { TargetPlan = k.TargetPlan, AtMost = KpiPublisher.LowerIsBetter(k.Kpi) });
        }
        return new KpiView(scope, period, ofPeriod, snapshot);
    }

    /// <summary>The periods the province has KPI rows for ("yyyy" and "yyyy-MM"), oldest first.</summary>
    public async Task<IReadOnlyList<string>> PeriodsAsync(CancellationToken cancellationToken) =>
        (await kpis.ReadScopeAsync(KpiCells.Province, cancellationToken)).Select(k => k.Period)
            .Where(p => p != GroundTruthPeriods.Current).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The period a reader sees first: this year if it has KPIs, else the latest year that has.</summary>
    public static string DefaultPeriod(IReadOnlyList<string> periods, int thisYear)
    {
        var year = thisYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return periods.Contains(year) ? year : periods.LastOrDefault(p => p.Length == 4) ?? year;
    }
}
