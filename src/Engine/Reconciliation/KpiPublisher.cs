using System.Globalization;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>Turns counters into KPI values, targets and met / not met, and the Decision 766 group scores; pure.</summary>
public sealed class KpiPublisher(ReconciliationOptions options, Func<string, string> levelOfAgency, DateTimeOffset now)
{
    public const string ScorePrefix = "score766.";

    /// <summary>The KPI row of a scope's Decision 766 total (the groups' rows are ScorePrefix + group name).</summary>
    public const string ScoreTotal = ScorePrefix + "total";

    /// <summary>The level a scope is judged at: the province, a level, or the agency's level.</summary>
    public string LevelOf(string scope) =>
        scope == KpiCells.Province ? KpiTarget.WholeProvince : scope.StartsWith("level:", StringComparison.Ordinal) ? scope[6..] : levelOfAgency(scope);

    /// <summary>KPIs that are counts, not rates (no denominator).</summary>
    public static bool IsCount(string kpi) => kpi is Kpis.ClosedBeforeResult or Kpis.LinkedSameLevelProcedures or Kpis.LinkedCrossLevelProcedures;

    /// <summary>KPIs whose target is a ceiling: lower is better.</summary>
    public static bool LowerIsBetter(string kpi) => kpi == Kpis.ClosedBeforeResult;

    public KpiResult Publish(string scope, string period, string kpi, long numerator, long denominator)
    {
        var count = IsCount(kpi);
        double? value = count ? numerator : denominator == 0 ? null : Math.Round((double)numerator / denominator, 6);
        var target = TargetFor(kpi, LevelOf(scope), period);
        bool? met = value is null || target is null ? null : target.AtMost ? value <= target.Target : value >= target.Target - 1e-9;
        return new KpiResult(scope, period, kpi, numerator, count ? null : denominator, value, target?.Target, met) { TargetPlan = target?.Plan };
    }

    /// <summary>
    /// The target in force for a KPI at a level in a period: a level-specific target beats a general
    /// one; among those, the one whose span covers the period's last month and started latest.
    /// </summary>
    public KpiTarget? TargetFor(string kpi, string level, string period)
    {
        var month = KpiPeriods.IsPeriod(period) ? KpiPeriods.LastMonth(period) : VietnamTime.Month(now);
        return options.EffectiveTargets
            .Where(t => t.Kpi == kpi && (t.Level is null || string.Equals(t.Level, level, StringComparison.OrdinalIgnoreCase)
                || (t.Level.Equals("Province", StringComparison.OrdinalIgnoreCase) && level == "Department")))
            .Where(t => (t.From is null || string.CompareOrdinal(t.From, month) <= 0) && (t.To is null || string.CompareOrdinal(month, t.To) <= 0))
            .OrderByDescending(t => t.Level is not null)
            .ThenByDescending(t => t.From ?? "")
            .FirstOrDefault();
    }

    /// <summary>
    /// Decision 766 groups for one scope and period, an estimate: each group earns its points times
    /// the weighted share its indicators earn, each its KPI's value over its full-score threshold
    /// (capped at 1); indicators without a value are left out of the weights. Returns a row per group
    /// with a value, and the total.
    /// </summary>
    public IReadOnlyList<KpiResult> Scores(string scope, string period, IReadOnlyDictionary<string, KpiResult> kpis)
    {
        var results = new List<KpiResult>();
        double total = 0;
        var any = false;
        foreach (var group in options.EffectiveScoreGroups)
        {
            double weighted = 0, weights = 0;
            foreach (var indicator in group.Indicators)
            {
                if (!kpis.TryGetValue(indicator.Kpi, out var k) || k.Value is not { } value) continue;
                weighted += indicator.Weight * Math.Min(1.0, value / indicator.FullScoreAt);
                weights += indicator.Weight;
            }
            if (weights <= 0) continue;
            var points = Math.Round(group.Points * weighted / weights, 3);
            total += points;
            any = true;
            results.Add(new KpiResult(scope, period, ScorePrefix + group.Name, 0, null, points, group.Points, null));
        }
        if (any)
        {
            results.Add(new KpiResult(scope, period, ScoreTotal, 0, null, Math.Round(total, 3),
                options.EffectiveScoreGroups.Sum(g => g.Points), null));
        }
        return results;
    }

    public static string RowKeyOf(string period, string kpi) => period + "|" + kpi;

    /// <summary>The period and KPI of a row key made by <see cref="RowKeyOf"/>.</summary>
    public static (string Period, string Kpi) SplitRowKey(string rowKey)
    {
        var bar = rowKey.IndexOf('|', StringComparison.Ordinal);
        return (rowKey[..bar], rowKey[(bar + 1)..]);
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
