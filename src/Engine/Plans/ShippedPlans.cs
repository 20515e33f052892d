using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Engine.Plans;

/// <summary>
/// The plans shipped with the hub (embedded src/Engine/Plans/*.json) turned into effective-dated
/// targets: each plan's own months, then, for a plan carried forward, the months after it until the
/// next plan starts. A later plan of the province is added as one more file (or all targets are set
/// by configuration, Reconciliation__Targets).
/// </summary>
public static class ShippedPlans
{
    /// <summary>Names the rules that are the hub's own rather than a plan's (no workflow closed before its result).</summary>
    public const string HubRule = "Integration Hub rule";

    public static IReadOnlyList<PlanDocument> Documents { get; } = Load();

    public static IReadOnlyList<KpiTarget> Targets(IReadOnlyList<PlanDocument> plans)
    {
        var ordered = plans.OrderBy(p => p.From, StringComparer.Ordinal).ToList();
        var targets = new List<KpiTarget>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var plan = ordered[i];
            targets.AddRange(plan.Targets.Select(t => From(t, plan.From, plan.To, plan.Label)));
            if (!plan.CarriedForward) continue;
            var next = ordered.Skip(i + 1).FirstOrDefault(p => string.CompareOrdinal(p.From, plan.To) > 0);
            var from = AddMonths(plan.To, 1);
            var to = next is null ? null : AddMonths(next.From, -1);
            if (to is not null && string.CompareOrdinal(to, from) < 0) continue;
            targets.AddRange(plan.Targets.Select(t => From(t, from, to, plan.Label + ", carried forward")));
        }
        targets.Add(new KpiTarget { Kpi = Kpis.ClosedBeforeResult, Target = 0, AtMost = true, Plan = HubRule });
        return targets;
    }

    private static KpiTarget From(PlanTarget t, string from, string? to, string label) =>
        new() { Kpi = t.Kpi, Level = t.Level, Target = t.Target, AtMost = t.AtMost, From = from, To = to, Plan = label };

    private static string AddMonths(string month, int months) =>
        DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(months).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static List<PlanDocument> Load()
    {
        var assembly = typeof(ShippedPlans).Assembly;
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var plans = new List<PlanDocument>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Plans.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            plans.Add(JsonSerializer.Deserialize<PlanDocument>(stream, options) ?? throw new InvalidDataException($"{name}: not a plan."));
        }
        return plans;
    }
}
