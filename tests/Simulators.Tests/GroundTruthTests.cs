using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Simulators.Data;

namespace IntegrationHub.Simulators.Tests;

public sealed class GroundTruthTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromHours(24);

    public sealed class TheManifest
    {
        [Fact]
        public async Task NamesExactlyTheDiscrepanciesTheServedDataShows_AndEveryKindIsPlanted()
        {
            await using var server = await SimulatorServer.StartAsync("--seed", "11", "--dossiers", "4000", "--procedures", "300", "--plant-rate", "0.1");

            var manifest = (await server.ReadLinesAsync<Finding>("_sim/manifest")).ToHashSet();
            var found = ReferenceChecker.Check(await ServedData.ReadAsync(server), Grace);

            Assert.Empty(found.Except(manifest));
            Assert.Empty(manifest.Except(found));
            Assert.Equal(Rules.All.OrderBy(r => r), manifest.Select(f => f.Rule).Distinct().OrderBy(r => r));
        }

        [Fact]
        public async Task FollowsTheClock_NewDossiersArriveAndOldOnesAgeIntoFindings()
        {
            await using var server = await SimulatorServer.StartAsync("--seed", "12", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.1");
            var before = (await server.ReadLinesAsync<Finding>("_sim/manifest")).ToHashSet();

            await server.AdvanceClockAsync(72);
            var after = (await server.ReadLinesAsync<Finding>("_sim/manifest")).ToHashSet();
            var found = ReferenceChecker.Check(await ServedData.ReadAsync(server), Grace);

            Assert.Empty(found.Except(after));
            Assert.Empty(after.Except(found));
            Assert.True(after.Count > before.Count, $"expected new findings after 72 h, had {before.Count} then {after.Count}");
        }

        [Fact]
        public async Task IsEmpty_AndTheDataIsClean_WhenPlantingIsOff()
        {
            await using var server = await SimulatorServer.StartAsync("--seed", "13", "--dossiers", "4000", "--procedures", "300", "--plant-rate", "0");

            var manifest = await server.ReadLinesAsync<Finding>("_sim/manifest");
            var found = ReferenceChecker.Check(await ServedData.ReadAsync(server), Grace);

            Assert.Empty(manifest);
            Assert.Empty(found);
        }
    }

    public sealed class TheExpectedKpis
    {
        [Fact]
        public async Task AgreeWithKpisRecomputedFromTheServedData()
        {
            await using var server = await SimulatorServer.StartAsync("--seed", "14", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.05");
            var kpis = await server.ReadLinesAsync<KpiValue>("_sim/expected-kpis");
            var data = await ServedData.ReadAsync(server);
            KpiValue Province(string kpi, string period) => Assert.Single(kpis, k => k.Scope == "province" && k.Period == period && k.Kpi == kpi);

            // On time as the plan counts it: every dossier received in the year, late once past its due time moved by its pauses.
            var received2025 = data.Dossiers.Where(x => x.ReceivedAt.ToOffset(VietnamTime.Offset).Year == 2025).ToList();
            var onTime = Province(Kpis.OnTimeRate, "2025");
            Assert.Equal(received2025.Count, onTime.Denominator);
            Assert.Equal(received2025.Count(x => !ReferenceChecker.Late(x, data.Now)), onTime.Numerator);
            Assert.Contains(received2025, x => x.Pauses is { Count: > 0 });
            Assert.Contains(received2025, x => x.Status is 3 or 7 or 8);

            var resolved2025 = data.Dossiers.Where(x => x.ResultIssuedAt is { } r && r.ToOffset(VietnamTime.Offset).Year == 2025).ToList();

            // Online payment over the resolved dossiers with a fee to pay of payment-enabled procedures,
            // paid on the national platform or through the province's gateway.
            var paymentEnabled = data.Procedures.Where(p => p.OnlinePayment && !p.VerticalSector).Select(p => p.Code).ToHashSet();
            var paidOnPlatform = data.Payments.Where(t => t.TrangThai == 0).Select(t => t.MaHoSo).ToHashSet();
            var payable = resolved2025.Where(x => paymentEnabled.Contains(x.ProcedureCode) && x.Fee > 0).ToList();
            var payment = Province(Kpis.OnlinePaymentRate, "2025");
            Assert.Equal(payable.Count, payment.Denominator);
            Assert.Equal(payable.Count(x => paidOnPlatform.Contains(x.Code) || x.PaymentGateway == PaymentGateway.ProvincialGateway), payment.Numerator);
            Assert.Contains(resolved2025, x => x.FeeExempt == true && x.Fee == 0);
            Assert.Contains(payable, x => x.PaymentGateway == PaymentGateway.ProvincialGateway);

            var digitised = Province(Kpis.DigitisationRate, "2025");
            Assert.Equal(resolved2025.Count(x => x.DigitisedInput && x.DigitisedResult), digitised.Numerator);

            // Citizens' feedback received in 2024 (with one of each planted kind), once settled (answered, or past due): answered by its due time and published.
            var settled = data.Feedback.Where(f => f.NgayTiepNhan.StartsWith("2024", StringComparison.Ordinal)
                && (f.NgayTraLoi is not null || (VietnamTime.TryParsePortal(f.HanXuLy, out var due) && data.Now > due))).ToList();
            var feedback = Province(Kpis.FeedbackHandledRate, "2024");
            Assert.Equal(settled.Count, feedback.Denominator);
            Assert.Equal(settled.Count(f => f.CongKhai && f.NgayTraLoi is not null && string.CompareOrdinal(f.NgayTraLoi, f.HanXuLy) <= 0), feedback.Numerator);
            Assert.True(feedback.Numerator < feedback.Denominator && feedback.Numerator > 0, $"{feedback.Numerator} of {feedback.Denominator}");

            var fullOnline = data.Procedures.Where(p => p.FullOnline && !p.VerticalSector).Select(p => p.Code).ToHashSet();
            // Dossiers of full-online services resolved in the month, submitted online by their applicants.
            var march = data.Dossiers.Where(x => x.ResultIssuedAt is { } r && VietnamTime.Month(r) == "2025-03" && fullOnline.Contains(x.ProcedureCode)).ToList();
            var online = Province(Kpis.OnlineDossierRate, "2025-03");
            Assert.Equal(march.Count, online.Denominator);
            Assert.Equal(march.Count(x => x.Channel == Channel.Online && !x.SubmittedByStaff), online.Numerator);

            var portalCodes = data.PortalDossiers.Select(p => p.MaHoSo).ToHashSet();
            var aged2025 = data.Dossiers.Where(x => x.ReceivedAt.ToOffset(VietnamTime.Offset).Year == 2025 && data.Now - x.ReceivedAt > Grace).ToList();
            var sync = Province(Kpis.PortalSyncRate, "2025");
            Assert.Equal(aged2025.Count, sync.Denominator);
            Assert.Equal(aged2025.Count(x => portalCodes.Contains(x.Code)), sync.Numerator);

            // Eligible procedures listed a month or more ago, whether the province configured them or not.
            var due = data.PortalProcedures.Where(p => p.DuDieuKienToanTrinh && VietnamTime.TryParsePortal(p.NgayCongBo, out var published)
                && VietnamTime.Date(data.Now) >= VietnamTime.Date(published).AddMonths(1)).Select(p => p.MaTTHC).ToHashSet();
            var coverage = Province(Kpis.FullOnlineCoverage, GroundTruth.Snapshot);
            var configured = data.Procedures.Select(p => p.Code).ToHashSet();
            var offered = data.Procedures.Where(p => !p.VerticalSector && due.Contains(p.Code)).ToList();
            var unconfigured = due.Count(c => !configured.Contains(c));
            Assert.True(unconfigured > 0);
            Assert.Contains(data.PortalProcedures, p => p.DuDieuKienToanTrinh && !configured.Contains(p.MaTTHC) && !due.Contains(p.MaTTHC)); // one inside its grace
            Assert.Equal(offered.Count + unconfigured, coverage.Denominator);
            Assert.Equal(offered.Count(p => p.FullOnline), coverage.Numerator);
        }

        [Fact]
        public async Task ReportHistoryUnderTheUnitsThatExistedThen()
        {
            await using var server = await SimulatorServer.StartAsync("--seed", "15", "--dossiers", "3000", "--procedures", "300");
            var kpis = await server.ReadLinesAsync<KpiValue>("_sim/expected-kpis");

            // By month of receipt, district units report before 1 July 2025 only; merged communes only after it.
            bool ByReceipt(KpiValue k) => k.Period.Length == 7 && k.Period[5] != 'Q' && k.Kpi is Kpis.OnTimeRate or Kpis.PortalSyncRate;
            var districtMonths = kpis.Where(k => k.Scope == "level:District" && ByReceipt(k)).Select(k => k.Period).Distinct().ToList();
            Assert.NotEmpty(districtMonths);
            Assert.All(districtMonths, m => Assert.True(string.CompareOrdinal(m, "2025-07") < 0, m));
            var mergedCommuneMonths = kpis.Where(k => k.Scope.EndsWith(".00.H38", StringComparison.Ordinal) && ByReceipt(k))
                .Select(k => k.Period).Distinct().ToList();
            Assert.NotEmpty(mergedCommuneMonths);
            Assert.All(mergedCommuneMonths, m => Assert.True(string.CompareOrdinal(m, "2025-07") >= 0, m));
        }
    }
}
