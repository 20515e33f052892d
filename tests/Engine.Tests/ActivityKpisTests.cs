using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Tests;

/// <summary>The flag-dependent KPIs assembled from per-procedure activity: which procedures each counts.</summary>
public sealed class ActivityKpisTests
{
    private static readonly KpiPublisher Publisher = new(new ReconciliationOptions(), _ => "Department", new DateTimeOffset(2025, 9, 15, 0, 0, 0, TimeSpan.FromHours(7)));

    private static Dictionary<string, ProcedureFacts> Catalogue(params ProcedureFacts[] procedures) => procedures.ToDictionary(p => p.Code);

    private static ProcedureFacts Procedure(string code, bool fullOnline = false, bool payment = false, bool vertical = false) =>
        new(code, "000.00.03.H38", fullOnline, payment, vertical);

    private static Dictionary<string, KpiResult> Assemble(string scope, IReadOnlyDictionary<string, ProcedureFacts> catalogue, params ProcedureActivity[] rows)
    {
        var sums = new ActivitySums();
        foreach (var row in rows) sums.Add(row, catalogue.GetValueOrDefault(row.Procedure), "2025-09");
        return ActivityKpis.Assemble(scope, "2025-09", sums, "2025-09", catalogue, Publisher).ToDictionary(k => k.Kpi);
    }

    // Procedure, paid transactions, dossiers received, of them online, resolved, of them paid online, of them with a fee to pay,
    // of them submitted online by their applicants.
    private static readonly ProcedureActivity A = new("A", Paid: 2, Dossiers: 10, Online: 6, Resolved: 8, PaidOnline: 2, Payable: 6, ResolvedOnline: 5);
    private static readonly ProcedureActivity B = new("B", Paid: 0, Dossiers: 5, Online: 1, Resolved: 4, PaidOnline: 0, Payable: 4, ResolvedOnline: 1);
    private static readonly ProcedureActivity V = new("V", Paid: 3, Dossiers: 7, Online: 7, Resolved: 7, PaidOnline: 3, Payable: 7, ResolvedOnline: 7);

    [Fact]
    public void OnlineDossiersAreResolvedOnesOfFullOnlineProcedures_NotOthersNorVerticalOnesNorUnknownOnes()
    {
        var kpis = Assemble("000.00.01.H38", Catalogue(Procedure("A", fullOnline: true), Procedure("B"), Procedure("V", fullOnline: true, vertical: true)),
            A, B, V, new ProcedureActivity("UNKNOWN", 0, 9, 9, 9, 0, 0, 9));
        var rate = kpis[Kpis.OnlineDossierRate];
        Assert.Equal((5, 8L), (rate.Numerator, rate.Denominator));
    }

    [Fact]
    public void AProcedureMadeFullOnlineCountsFromTheSameActivity_WithoutAnyDossier()
    {
        var before = Assemble("000.00.01.H38", Catalogue(Procedure("A", fullOnline: true), Procedure("B")), A, B)[Kpis.OnlineDossierRate];
        var after = Assemble("000.00.01.H38", Catalogue(Procedure("A", fullOnline: true), Procedure("B", fullOnline: true)), A, B)[Kpis.OnlineDossierRate];
        Assert.Equal((5, 8L), (before.Numerator, before.Denominator));
        Assert.Equal((6, 12L), (after.Numerator, after.Denominator));
    }

    [Fact]
    public void OnlinePaymentsCountResolvedDossiersWithAFeeToPayOfPaymentEnabledProcedures()
    {
        var kpis = Assemble("000.00.01.H38", Catalogue(Procedure("A", payment: true), Procedure("B"), Procedure("V", payment: true, vertical: true)), A, B, V);
        var rate = kpis[Kpis.OnlinePaymentRate];
        Assert.Equal((2, 6L), (rate.Numerator, rate.Denominator)); // 2 of A's 8 resolved dossiers owed nothing
        Assert.False(kpis.ContainsKey(Kpis.OnlineDossierRate));
    }

    [Fact]
    public void AnAgencyCountsThePaymentEnabledProceduresItReceivedThatHadAPayment()
    {
        var catalogue = Catalogue(Procedure("A", payment: true), Procedure("B", payment: true), Procedure("C", payment: true));
        var kpis = Assemble("000.00.01.H38", catalogue, A, B, new ProcedureActivity("C", Paid: 1, Dossiers: 0, 0, 0, 0, 0, 0));
        var procedures = kpis[Kpis.PaymentProceduresWithTransaction];
        Assert.Equal((1, 2L), (procedures.Numerator, procedures.Denominator));
    }

    [Fact]
    public void TheProvinceCountsEveryPaymentEnabledProcedureOfTheCatalogue_OnceAnyPaymentExists()
    {
        var catalogue = Catalogue(Procedure("A", payment: true), Procedure("B", payment: true), Procedure("D", payment: true), Procedure("V", payment: true, vertical: true));
        var procedures = Assemble(KpiCells.Province, catalogue, A, B, V)[Kpis.PaymentProceduresWithTransaction];
        Assert.Equal((1, 3L), (procedures.Numerator, procedures.Denominator));
        Assert.False(Assemble(KpiCells.Province, catalogue, B).ContainsKey(Kpis.PaymentProceduresWithTransaction));
    }

    [Fact]
    public void EachMonthCountsAProcedureByTheFlagsItHadThen_AndADistinctCountByThoseAtThePeriodsEnd()
    {
        // Made full-online and payment-enabled in October: September's dossiers keep their old standing.
        var changed = Procedure("B") with { History = [new("", false, false), new("2025-10", true, true)] };
        var catalogue = Catalogue(Procedure("A", fullOnline: true), changed);
        var sums = new ActivitySums();
        sums.Add(A, catalogue["A"], "2025-09");
        sums.Add(B, changed, "2025-09");
        sums.Add(B with { Paid = 1 }, changed, "2025-10");
        var year = ActivityKpis.Assemble("000.00.01.H38", "2025", sums, "2025-12", catalogue, Publisher).ToDictionary(k => k.Kpi);
        Assert.Equal((5 + 1, 8 + 4L), (year[Kpis.OnlineDossierRate].Numerator, year[Kpis.OnlineDossierRate].Denominator));
        Assert.Equal((0, 4L), (year[Kpis.OnlinePaymentRate].Numerator, year[Kpis.OnlinePaymentRate].Denominator));
        Assert.Equal((1, 1L), (year[Kpis.PaymentProceduresWithTransaction].Numerator, year[Kpis.PaymentProceduresWithTransaction].Denominator));
        Assert.False(changed.FullOnlineIn("2025-09"));
        Assert.True(changed.FullOnlineIn("2025-10"));
        Assert.True(changed.FullOnlineIn("2026-01"));
        Assert.False(changed.FullOnlineIn("2024-01"));
    }

    [Fact]
    public void NoActivityOfCountedProceduresPublishesNothing()
    {
        Assert.Empty(Assemble("000.00.01.H38", Catalogue(Procedure("A"), Procedure("B")), A, B));
    }
}
