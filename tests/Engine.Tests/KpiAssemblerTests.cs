using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Tests;

/// <summary>KPIs rolled up from counters by agency and month: scopes, periods, levels and flags applied at publishing time.</summary>
public sealed class KpiAssemblerTests
{
    private const string Agency = "000.00.01.H10";
    private const string Other = "000.00.02.H10";
    private static readonly DateTimeOffset Now = new(2025, 9, 15, 0, 0, 0, TimeSpan.FromHours(7));

    private static Dictionary<(string Scope, string Period), Dictionary<string, KpiResult>> Assemble(
        CounterSet counters, Func<string, string> levelOf, params ProcedureFacts[] procedures) =>
        KpiAssembler.Assemble(counters, levelOf, procedures.ToDictionary(p => p.Code), new KpiPublisher(new ReconciliationOptions(), levelOf, Now), "2025-09");

    private static CounterSet Counters(params Contribution[] contributions)
    {
        var set = new CounterSet();
        foreach (var c in contributions) set.Add(c, +1);
        return set;
    }

    [Fact]
    public void AnAgencyMonthCountsForTheAgencyItsLevelAndTheProvince_InItsMonthAndItsYear()
    {
        var kpis = Assemble(Counters(
            new(Agency, "2025-03", Kpis.OnTimeRate, Hit: true), new(Other, "2025-03", Kpis.OnTimeRate, Hit: false),
            new(Agency, "2025-04", Kpis.OnTimeRate, Hit: true)), _ => "Department");
        Assert.Equal((1, 1L), Cell(kpis, Agency, "2025-03", Kpis.OnTimeRate));
        Assert.Equal((2, 2L), Cell(kpis, Agency, "2025", Kpis.OnTimeRate));
        Assert.Equal((1, 2L), Cell(kpis, "level:Department", "2025-03", Kpis.OnTimeRate));
        Assert.Equal((2, 3L), Cell(kpis, "province", "2025", Kpis.OnTimeRate));
        Assert.Equal((1, 2L), Cell(kpis, "province", "2025-Q1", Kpis.OnTimeRate));
        Assert.Equal((1, 1L), Cell(kpis, Agency, "2025-Q2", Kpis.OnTimeRate));
        Assert.False(kpis.ContainsKey((Other, "2025-04")));
    }

    [Fact]
    public void AssemblingOnlySomeScopesAndPeriodsGivesThemExactlyAsAssemblingEverything()
    {
        var counters = Counters(
            new(Agency, "2025-03", Kpis.OnTimeRate, Hit: true), new(Other, "2025-03", Kpis.OnTimeRate, Hit: false),
            new(Agency, "2025-04", Kpis.OnTimeRate, Hit: true), new(Other, "2024-12", Kpis.OnTimeRate, Hit: true));
        var only = new HashSet<(string, string)> { ("province", "2025"), (Agency, "2025-04"), ("level:Department", "2025-03") };
        var publisher = new KpiPublisher(new ReconciliationOptions(), _ => "Department", Now);

        var all = KpiAssembler.Assemble(counters, _ => "Department", new Dictionary<string, ProcedureFacts>(), publisher, "2025-09");
        var some = KpiAssembler.Assemble(counters, _ => "Department", new Dictionary<string, ProcedureFacts>(), publisher, "2025-09", only);

        Assert.Equal(only.Order(), some.Keys.Order());
        foreach (var key in only) Assert.Equal(all[key].OrderBy(k => k.Key).Select(k => (k.Key, k.Value.Numerator, k.Value.Denominator)), some[key].OrderBy(k => k.Key).Select(k => (k.Key, k.Value.Numerator, k.Value.Denominator)));
    }

    [Fact]
    public void ALevelChangeMovesAnAgencysCountsToItsNewLevel_FromTheSameCounters()
    {
        var counters = Counters(new(Agency, "2025-03", Kpis.OnTimeRate, Hit: true), new(Other, "2025-03", Kpis.OnTimeRate, Hit: false));
        var before = Assemble(counters, _ => "District");
        var after = Assemble(counters, a => a == Agency ? "Commune" : "District");
        Assert.Equal((1, 2L), Cell(before, "level:District", "2025", Kpis.OnTimeRate));
        Assert.Equal((0, 1L), Cell(after, "level:District", "2025", Kpis.OnTimeRate));
        Assert.Equal((1, 1L), Cell(after, "level:Commune", "2025", Kpis.OnTimeRate));
        Assert.Equal(Cell(before, "province", "2025", Kpis.OnTimeRate), Cell(after, "province", "2025", Kpis.OnTimeRate));
    }

    [Fact]
    public void DigitisationCountsAtTheLevelWhoseCompetenceTheProcedureIs_WithThatLevelsTarget_AndNoProvinceWideTarget()
    {
        const string Commune = "000.00.31.H10", Department = "000.00.01.H10";
        string LevelOf(string agency) => agency == Commune ? "Commune" : "Department";
        Contribution[] Resolved(string agency, string procedure, int digitised, int resolved) =>
        [
            .. Enumerable.Range(0, resolved).Select(_ => new Contribution(agency, "2025-09", "S:" + procedure, false)),
            .. Enumerable.Range(0, digitised).Select(_ => new Contribution(agency, "2025-09", "D:" + procedure, true)),
        ];
        var counters = Counters(
        [
            .. Resolved(Commune, "DIST", digitised: 1, resolved: 4),   // a district competence a merged commune inherited
            .. Resolved(Commune, "COMM", digitised: 0, resolved: 2),   // of both levels: the commune's own
            .. Resolved(Department, "PROV", digitised: 2, resolved: 2), // the province's competence, handled by a department
        ]);
        var kpis = Assemble(counters, LevelOf,
            new ProcedureFacts("DIST", Department, false, false, false) { Levels = ["District"] },
            new ProcedureFacts("COMM", Department, false, false, false) { Levels = ["District", "Commune"] },
            new ProcedureFacts("PROV", Department, false, false, false) { Levels = ["Province"] });

        Assert.Equal((1, 4L), Cell(kpis, "level:District", "2025-09", Kpis.DigitisationRate));
        Assert.Equal((0, 2L), Cell(kpis, "level:Commune", "2025-09", Kpis.DigitisationRate));
        Assert.Equal((2, 2L), Cell(kpis, "level:Province", "2025", Kpis.DigitisationRate));
        Assert.False(kpis.ContainsKey(("level:Department", "2025-09")));
        Assert.Equal((1, 6L), Cell(kpis, Commune, "2025-09", Kpis.DigitisationRate));
        Assert.Equal((3, 8L), Cell(kpis, "province", "2025", Kpis.DigitisationRate));

        Assert.Equal(0.2, kpis[("level:District", "2025-09")][Kpis.DigitisationRate].Target);
        Assert.Equal(0.15, kpis[("level:Commune", "2025-09")][Kpis.DigitisationRate].Target);
        Assert.Equal(0.3, kpis[(Department, "2025-09")][Kpis.DigitisationRate].Target);
        Assert.Null(kpis[("province", "2025-09")][Kpis.DigitisationRate].Target); // the plan sets none for the province as a whole

        // An incremental run touching only the commune's month re-publishes every level of that month.
        var touched = KpiAssembler.Touched([(Commune, "2025-09")], LevelOf);
        Assert.Contains(("level:District", "2025-09"), touched);
        Assert.Contains(("level:Province", "2025"), touched);
    }

    [Fact]
    public void CountsHaveNoDenominator_AndPaidMarksSinceThePeriodStartPublishNothingOfTheirOwn()
    {
        var counters = Counters(new(Agency, "2025-03", Kpis.ClosedBeforeResult, true, Count: true), new(Agency, Contribution.AllTime, "P:1.0001", true));
        var kpis = Assemble(counters, _ => "Commune");
        var closed = kpis[("province", "2025")][Kpis.ClosedBeforeResult];
        Assert.Equal((1, (long?)null), (closed.Numerator, closed.Denominator));
        Assert.DoesNotContain(kpis.Keys, k => k.Period == Contribution.AllTime);
        Assert.Equal(["1.0001"], counters.ProceduresPaidSinceStart());
    }

    [Fact]
    public void AProcedureMadeFullOnlineInAMonthCountsFromThatMonth_EarlierMonthsUnchanged()
    {
        var counters = Counters(
            // Resolved in January, one of two submitted online by its applicant; one resolved online in August.
            new(Agency, "2025-01", "S:1.0001", Hit: false), new(Agency, "2025-01", "O:1.0001", Hit: true), new(Agency, "2025-01", "S:1.0001", Hit: false),
            new(Agency, "2025-08", "S:1.0001", Hit: false), new(Agency, "2025-08", "O:1.0001", Hit: true));
        var always = new ProcedureFacts("1.0001", Agency, FullOnline: true, OnlinePayment: false, Vertical: false);
        var fromAugust = always with { History = [new("", false, false), new("2025-08", true, false)] };
        Assert.Equal((2, 3L), Cell(Assemble(counters, _ => "Commune", always), Agency, "2025", Kpis.OnlineDossierRate));
        var dated = Assemble(counters, _ => "Commune", fromAugust);
        Assert.Equal((1, 1L), Cell(dated, Agency, "2025", Kpis.OnlineDossierRate));
        Assert.False(dated.TryGetValue((Agency, "2025-01"), out var january) && january.ContainsKey(Kpis.OnlineDossierRate));
        Assert.Equal((1, 1L), Cell(dated, Agency, "2025-08", Kpis.OnlineDossierRate));
    }

    private static (long, long?) Cell(Dictionary<(string Scope, string Period), Dictionary<string, KpiResult>> kpis, string scope, string period, string kpi)
    {
        var k = kpis[(scope, period)][kpi];
        return (k.Numerator, k.Denominator);
    }
}
