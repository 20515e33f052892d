using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reports;

/// <summary>Puts a period's KPI rows and late dossiers together into a <see cref="Scorecard"/>; pure.</summary>
public static class ScorecardBuilder
{
    /// <summary>The KPI columns, in the order the plan lists its targets; a KPI the period has no row for is left out.</summary>
    public static readonly IReadOnlyList<string> KpiOrder =
    [
        Kpis.OnlineDossierRate, Kpis.OnlinePaymentRate, Kpis.OnTimeRate, Kpis.LateApologyRate, Kpis.DigitisationRate,
        Kpis.PortalSyncRate, Kpis.ClosedBeforeResult, Kpis.FeedbackHandledRate, Kpis.SatisfactionRate, Kpis.FullOnlineCoverage,
        Kpis.PaymentProceduresWithTransaction, Kpis.LgspConnectionRate, Kpis.NationalServicesInUse,
    ];

    private static readonly string[] LevelOrder = ["Province", "Department", "District", "Commune"];

    /// <summary>Whether an instant falls in a period ("yyyy-MM", "yyyy-Qn" or "yyyy") in Vietnam's calendar.</summary>
    public static bool InPeriod(DateTimeOffset instant, string period)
    {
        var month = VietnamTime.Month(instant);
        return string.CompareOrdinal(month, KpiPeriods.FirstMonth(period)) >= 0 && string.CompareOrdinal(month, KpiPeriods.LastMonth(period)) <= 0;
    }

    public static Scorecard Build(string period, IReadOnlyDictionary<string, AgencyEntry> agencies, IEnumerable<KpiResult> rows, IEnumerable<LateDossier> late)
    {
        var ofAgencies = rows.Where(r => r.Period == period && agencies.ContainsKey(r.Scope)).ToLookup(r => r.Scope, StringComparer.Ordinal);
        var kpiColumns = KpiOrder.Where(k => ofAgencies.Any(g => g.Any(r => r.Kpi == k))).ToList();
        var groupColumns = ScoreGroup.Defaults.Select(g => KpiPublisher.ScorePrefix + g.Name)
            .Concat(ofAgencies.SelectMany(g => g).Select(r => r.Kpi).Where(k => k.StartsWith(KpiPublisher.ScorePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            .Where(k => k != KpiPublisher.ScoreTotal && ofAgencies.Any(g => g.Any(r => r.Kpi == k))).Distinct().ToList();

        var lateInPeriod = late.Where(d => InPeriod(d.Received, period))
            .OrderBy(d => d.Agency, StringComparer.Ordinal).ThenByDescending(d => d.DaysLate).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        var lateUnits = lateInPeriod.GroupBy(d => d.Agency, StringComparer.Ordinal)
            .Select(g => new LateUnit(g.Key, agencies.GetValueOrDefault(g.Key)?.Name ?? g.Key, g.Count(), g.Count(d => !d.Apology)))
            .OrderByDescending(u => u.Late).ThenBy(u => u.Agency, StringComparer.Ordinal).ToList();
        var lateOfficials = lateInPeriod.Where(d => d.Handler is not null).GroupBy(d => (d.Agency, Handler: d.Handler!))
            .Select(g => new LateOfficial(g.Key.Agency, g.Key.Handler, g.Select(d => d.HandlerName).FirstOrDefault(n => n is not null) ?? g.Key.Handler,
                g.Count(), g.Count(d => !d.Apology)))
            .OrderByDescending(o => o.Late).ThenBy(o => o.Agency, StringComparer.Ordinal).ThenBy(o => o.Account, StringComparer.Ordinal).ToList();

        var unranked = ofAgencies.Select(g =>
        {
            var entry = agencies[g.Key];
            var values = g.ToDictionary(r => r.Kpi, r => r.Value, StringComparer.Ordinal);
            return new ScorecardLine(g.Key, entry.Name, entry.Level,
                kpiColumns.ToDictionary(k => k, k => values.GetValueOrDefault(k), StringComparer.Ordinal),
                groupColumns.ToDictionary(k => k, k => values.GetValueOrDefault(k), StringComparer.Ordinal),
                values.GetValueOrDefault(KpiPublisher.ScoreTotal), null);
        }).ToList();
        var lines = unranked.GroupBy(l => l.Level, StringComparer.Ordinal).SelectMany(Ranked)
            .OrderBy(l => Array.IndexOf(LevelOrder, l.Level) is var i and >= 0 ? i : LevelOrder.Length)
            .ThenBy(l => l.Level, StringComparer.Ordinal).ThenBy(l => l.Rank ?? int.MaxValue).ThenBy(l => l.Agency, StringComparer.Ordinal).ToList();
        return new Scorecard(period, kpiColumns, groupColumns, lines, lateInPeriod, lateUnits, lateOfficials);
    }

    /// <summary>Ranks within one level by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4).</summary>
    private static IEnumerable<ScorecardLine> Ranked(IEnumerable<ScorecardLine> level)
    {
        var scored = level.Where(l => l.Total is not null).OrderByDescending(l => l.Total).ToList();
        foreach (var line in scored) yield return line with { Rank = scored.FindIndex(x => x.Total == line.Total) + 1 };
        foreach (var line in level.Where(l => l.Total is null)) yield return line;
    }
}
