using System.Reflection;
using IntegrationHub.Engine.Plans;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Tests;

/// <summary>The plans shipped as data and the effective-dated targets made from them.</summary>
public sealed class ShippedPlansTests
{
    private static KpiPublisher Publisher(IReadOnlyList<KpiTarget>? targets = null) =>
        new(new ReconciliationOptions { Targets = [.. targets ?? KpiTarget.Defaults] }, _ => "Department", VietnamTime.At(2026, 11, 29));

    [Fact]
    public void ThePlanOfBinhThuanFor2024IsShipped_EveryTargetNamingAKnownKpiAndThePlansWords()
    {
        var plan = Assert.Single(ShippedPlans.Documents);
        Assert.Equal(("4912/KH-UBND", "Bình Thuận", "2024-01", "2024-12"), (plan.Plan, plan.Province, plan.From, plan.To));
        var known = typeof(Kpis).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.All(plan.Targets, t =>
        {
            Assert.Contains(t.Kpi, known);
            Assert.Matches(@"^(III|VII)\.[12]: ", t.Line);
        });
    }

    [Fact]
    public void In2024ThePlanJudges_AfterItItsTargetsAreCarriedForwardAndSaySo_BeforeItNothingDoes()
    {
        var p = Publisher();
        var in2024 = p.Publish("province", "2024-06", Kpis.OnTimeRate, 97, 100);
        Assert.Equal((0.98, false, "4912/KH-UBND (Bình Thuận, 2024)"), (in2024.Target, in2024.Met, in2024.TargetPlan));
        var after = p.Publish("province", "2025-09", Kpis.OnTimeRate, 99, 100);
        Assert.Equal((0.98, true, "4912/KH-UBND (Bình Thuận, 2024), carried forward"), (after.Target, after.Met, after.TargetPlan));
        Assert.Null(p.Publish("province", "2023-12", Kpis.OnTimeRate, 99, 100).Target);
        // The hub's own rule has no plan year.
        Assert.Equal(ShippedPlans.HubRule, p.Publish("province", "2023-12", Kpis.ClosedBeforeResult, 0, 0).TargetPlan);
    }

    [Fact]
    public void ALaterPlanEndsTheCarryAndJudgesItsOwnMonths()
    {
        var later = new PlanDocument
        {
            Plan = "99/KH-UBND", Province = "Lâm Đồng", From = "2026-01", To = "2026-12",
            Targets = [new PlanTarget { Kpi = Kpis.OnTimeRate, Target = 0.95 }],
        };
        var p = Publisher(ShippedPlans.Targets([.. ShippedPlans.Documents, later]));
        Assert.Equal("4912/KH-UBND (Bình Thuận, 2024), carried forward", p.Publish("province", "2025-12", Kpis.OnTimeRate, 1, 1).TargetPlan);
        Assert.Equal("4912/KH-UBND (Bình Thuận, 2024), carried forward", p.Publish("province", "2025", Kpis.OnTimeRate, 1, 1).TargetPlan);
        var own = p.Publish("province", "2026-01", Kpis.OnTimeRate, 96, 100);
        Assert.Equal((0.95, true, "99/KH-UBND (Lâm Đồng, 2026)"), (own.Target, own.Met, own.TargetPlan));
        // The later plan is not carried: 2027 has no target of it, and none of the 2024 plan either.
        Assert.Null(p.Publish("province", "2027-01", Kpis.OnTimeRate, 1, 1).Target);
        Assert.Null(p.Publish("province", "2026-01", Kpis.OnlineDossierRate, 1, 1).Target);
    }
}
