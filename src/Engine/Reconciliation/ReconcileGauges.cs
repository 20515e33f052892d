using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>What a reconciliation leaves for the alerts: the province's KPIs and open findings per rule as gauges.</summary>
public static class ReconcileGauges
{
    /// <summary>
    /// The province's KPIs (this year, and the catalogue now) and open findings per rule, as gauges for
    /// the alerts. The open findings are the dossier findings counted in the counters and the catalogue
    /// findings of this run: no scan of the Findings table.
    /// </summary>
    public static async Task EmitAsync(KpiStore kpis, Dictionary<string, long> openByRule, CancellationToken cancellationToken)
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
        foreach (var rule in Rules.All) Telemetry.HubMetrics.OpenFindings(rule, openByRule.GetValueOrDefault(rule));
    }
}
