using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>The dossier rules and KPI contributions on hand-made dossiers.</summary>
public sealed class DossierEvaluatorTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Now = new(2025, 9, 15, 12, 0, 0, Vn);
    private const string Agency = "000.00.01.H10";
    private const string Code = "D-1";

    private static readonly EvaluationContext Context = new(Now, TimeSpan.FromHours(24), new DateTimeOffset(2025, 1, 1, 0, 0, 0, Vn));

    /// <summary>The procedure's activity marks: received (N:, hit = online) and resolved with a fee to pay (Y:, hit = paid online).</summary>
    private const string Received = "N:P-FULL-PAY";
    private const string Resolved = "Y:P-FULL-PAY";
    private const string Digitised = "D:P-FULL-PAY";

    private static ProvinceRecord Province(
        DateTimeOffset? received = null, string procedure = "P-FULL-PAY", int channel = 2, bool byStaff = false, int status = 10,
        DateTimeOffset? result = null, DateTimeOffset? closed = null, bool apology = false, string pay = "None", long fee = 50_000,
        DateTimeOffset? updated = null, bool digitisedIn = true, bool digitisedOut = true, int? rating = null, DateTimeOffset? due = null)
    {
        var r = received ?? new DateTimeOffset(2025, 9, 1, 9, 0, 0, Vn);
        var issued = result ?? r.AddDays(2);
        return new ProvinceRecord(procedure, Agency, channel, byStaff, r, due ?? r.AddDays(5), issued, issued.AddHours(1), closed ?? issued.AddHours(2),
            status, fee, pay, pay == "Online" ? "TX-1" : null, digitisedIn, digitisedOut, apology, r.AddMinutes(30), rating, updated ?? issued.AddHours(2));
    }

    private static PortalRecord Portal(ProvinceRecord p, int? status = null) =>
        new(p.Procedure, p.Agency, p.Channel, p.Received, p.Due, p.Returned, status ?? p.Status, p.Updated.AddMinutes(30));

    private static PaymentRecord Payment(DateTimeOffset paid, long amount = 50_000, int status = 0, string id = "TX-1", string procedure = "P-FULL-PAY") =>
        new(id, Code, procedure, Agency, amount, status, paid);

    private static Evaluation Evaluate(ProvinceRecord? p, PortalRecord? q = null, params PaymentRecord[] payments) =>
        DossierEvaluator.Evaluate(new DossierState(Code, p, q, payments), Context);

    private static string[] RulesOf(Evaluation e) => e.Findings.Select(f => f.Rule).Order().ToArray();

    private static Contribution Single(Evaluation e, string key) => Assert.Single(e.Contributions, c => c.Key == key && c.Month != Contribution.AllTime);

    public sealed class TheApologysNewDate
    {
        private static ProvinceRecord Late(DateTimeOffset? result, DateTimeOffset promised)
        {
            var p = Province(result: result ?? Now.AddDays(-3)) with { Apology = true, ApologyDue = promised };
            return result is null ? p with { Result = null, Returned = null, Closed = null, Status = Statuses.InProgress } : p;
        }

        private static bool Missed(ProvinceRecord p) => RulesOf(Evaluate(p, Portal(p))).Contains(Rules.ApologyDateMissed);

        [Fact]
        public void IsMissedWhenTheResultCameAfterIt_OrItPassedWithTheDossierStillOpen()
        {
            Assert.True(Missed(Late(result: Now.AddDays(-1), promised: Now.AddDays(-2))));
            Assert.False(Missed(Late(result: Now.AddDays(-3), promised: Now.AddDays(-2))));
            Assert.True(Missed(Late(result: null, promised: Now.AddHours(-1))));
            var pending = Late(result: null, promised: Now.AddDays(2));
            var e = Evaluate(pending, Portal(pending));
            Assert.DoesNotContain(Rules.ApologyDateMissed, RulesOf(e));
            Assert.True(e.NextCheck <= Now.AddDays(2).AddSeconds(1));
            // No letter, no promise to keep.
            Assert.False(Missed(Late(result: Now.AddDays(-1), promised: Now.AddDays(-2)) with { Apology = false }));
        }
    }

    public sealed class TheDueReview
    {
        [Fact]
        public void AnOpenDossierIsListedWithItsDueTimeAndHandler_AnEndedOneIsNot()
        {
            var resolved = Province();
            Assert.Null(Evaluate(resolved, Portal(resolved)).Open);
            var rejected = Province() with { Result = null, Status = Statuses.Rejected };
            Assert.Null(Evaluate(rejected, Portal(rejected)).Open);

            var open = Province() with { Result = null, Returned = null, Closed = null, Status = Statuses.InProgress, Handler = "cb07", HandlerName = "Trần Thị B" };
            var listed = Evaluate(open, Portal(open)).Open;
            Assert.Equal(new OpenDossier(Code, Agency, "P-FULL-PAY", open.Received, open.Due, false, false, "cb07", "Trần Thị B"), listed);
        }
    }

    public sealed class OpenFindings
    {
        [Fact]
        public void EachFindingCountsOnceInItsAgencysAllTimeCell_AndACleanDossierInNone()
        {
            var late = Province(received: new DateTimeOffset(2025, 9, 1, 9, 0, 0, Vn), result: new DateTimeOffset(2025, 9, 10, 9, 0, 0, Vn), byStaff: true);
            var e = Evaluate(late, Portal(late));
            var counted = e.Contributions.Where(c => c.Key.StartsWith(Contribution.OpenFindingPrefix, StringComparison.Ordinal)).ToList();

            Assert.Equal([Rules.LateWithoutApology, Rules.OnlineSubmittedByStaff], RulesOf(e));
            Assert.Equal(RulesOf(e).Select(r => Contribution.OpenFindingPrefix + r), counted.Select(c => c.Key).Order());
            Assert.All(counted, c => Assert.Equal((Agency, Contribution.AllTime, true, true), (c.Agency, c.Month, c.Hit, c.Count)));

            var clean = Province();
            Assert.DoesNotContain(Evaluate(clean, Portal(clean)).Contributions, c => c.Key.StartsWith(Contribution.OpenFindingPrefix, StringComparison.Ordinal));
        }

        [Fact]
        public void CountersSumThemByRule_AndAFindingResolvedTakesItsCountAway()
        {
            var late = Province(result: new DateTimeOffset(2025, 9, 10, 9, 0, 0, Vn));
            var apologised = late with { Apology = true };
            var counters = new CounterSet();
            foreach (var c in Evaluate(late, Portal(late)).Contributions) counters.Add(c, +1);
            foreach (var c in Evaluate(late, Portal(late)).Contributions) counters.Add(c, +1);
            Assert.Equal(2, counters.OpenFindingsByRule()[Rules.LateWithoutApology]);

            // One of the two dossiers apologises: its old evaluation is taken away, its new one added.
            foreach (var c in Evaluate(late, Portal(late)).Contributions) counters.Add(c, -1);
            foreach (var c in Evaluate(apologised, Portal(apologised)).Contributions) counters.Add(c, +1);
            Assert.Equal(1, counters.OpenFindingsByRule()[Rules.LateWithoutApology]);
        }
    }

    public sealed class ACleanDossier
    {
        [Fact]
        public void HasNoFinding_AndCountsInEveryKpiItBelongsTo()
        {
            var p = Province(pay: "Online");
            var e = Evaluate(p, Portal(p), Payment(p.Received.AddMinutes(5)));

            Assert.Empty(e.Findings);
            Assert.True(Single(e, Received).Hit);
            Assert.True(Single(e, Kpis.PortalSyncRate).Hit);
            Assert.True(Single(e, Kpis.OnTimeRate).Hit);
            Assert.True(Single(e, Digitised).Hit);
            Assert.True(Single(e, Resolved).Hit);
            Assert.DoesNotContain(e.Contributions, c => c.Key == Kpis.LateApologyRate);
            Assert.Contains(e.Contributions, c => c.Key == "P:P-FULL-PAY" && c.Month == "2025-09");
            Assert.Contains(e.Contributions, c => c.Key == "P:P-FULL-PAY" && c.Month == Contribution.AllTime);
        }

        [Fact]
        public void CountsTheSameWhateverTheCatalogueSaysOfItsProcedure_TheFlagsAreAppliedWhenKpisArePublished()
        {
            var p = Province(procedure: "P-VERTICAL");
            var e = Evaluate(p, Portal(p));
            Assert.DoesNotContain(e.Contributions, c => c.Key is Kpis.OnlineDossierRate or Kpis.OnlinePaymentRate);
            Assert.True(Single(e, "N:P-VERTICAL").Hit);
            Assert.False(Single(e, "Y:P-VERTICAL").Hit);
        }
    }

    public sealed class NotOnThePortal
    {
        [Fact]
        public void IsAFindingOnlyOnceTheGracePeriodIsOver()
        {
            var inside = Province(received: Now.AddHours(-23), result: Now.AddHours(-1));
            var outside = Province(received: Now.AddHours(-25), result: Now.AddHours(-1));

            var young = Evaluate(inside);
            Assert.Empty(young.Findings);
            Assert.DoesNotContain(young.Contributions, c => c.Key == Kpis.PortalSyncRate);
            Assert.Equal(inside.Received.AddHours(24).AddSeconds(1), young.NextCheck);

            var old = Evaluate(outside);
            Assert.Equal([Rules.DossierNotOnPortal], RulesOf(old));
            Assert.False(Single(old, Kpis.PortalSyncRate).Hit);
        }
    }

    public sealed class ALaggingFeed
    {
        [Fact]
        public void ProducesNoCrossSystemFinding_UntilItHasBeenReadPastTheGrace()
        {
            var p = Province(pay: "Online", updated: Now.AddDays(-5));
            var state = new DossierState(Code, p, null, []);
            var blind = Context with { Seen = new SeenUntil(Now, Portal: null, Payments: p.Received.AddHours(23)) };

            var e = DossierEvaluator.Evaluate(state, blind);

            Assert.Empty(e.Findings);
            Assert.DoesNotContain(e.Contributions, c => c.Key == Kpis.PortalSyncRate);
            Assert.Equal(Now.AddSeconds(1), e.NextCheck);
            var caughtUp = DossierEvaluator.Evaluate(state, Context with { Seen = new SeenUntil(Now, Now, Now) });
            Assert.Equal([Rules.DossierNotOnPortal, Rules.PaymentMissingTransaction], RulesOf(caughtUp));
        }
    }

    public sealed class StatusMismatch
    {
        [Fact]
        public void IsAFindingWhenTheProvinceRecordHasBeenStillLongerThanTheGrace()
        {
            var p = Province(updated: Now.AddHours(-30));
            Assert.Equal([Rules.DossierStatusMismatch], RulesOf(Evaluate(p, Portal(p, status: 4))));
        }

        [Fact]
        public void IsNotAFindingWhileThePortalMayStillCatchUp()
        {
            var p = Province(updated: Now.AddHours(-2));
            var e = Evaluate(p, Portal(p, status: 4));
            Assert.Empty(e.Findings);
            Assert.Equal(Now.AddHours(22).AddSeconds(1), e.NextCheck);
        }

        [Fact]
        public void IsNotJudgedWhileTheProvinceFeedLagsBehindThePortalsCopy()
        {
            // The province changed the status an hour ago; its feed was last read (its pass failed) a day ago.
            var p = Province(updated: Now.AddHours(-30));
            var copy = Portal(p, status: 4) with { Updated = Now.AddHours(-1) };
            var lagging = DossierEvaluator.Evaluate(new DossierState(Code, p, copy, []), Context with { Seen = new SeenUntil(Now.AddHours(-24), Now, Now) });
            Assert.Empty(lagging.Findings);
            Assert.Equal(Now.AddSeconds(1), lagging.NextCheck);
            var caughtUp = DossierEvaluator.Evaluate(new DossierState(Code, p, copy, []), Context with { Seen = new SeenUntil(Now, Now, Now) });
            Assert.Equal([Rules.DossierStatusMismatch], RulesOf(caughtUp));
        }
    }

    public sealed class UnknownToTheProvince
    {
        [Fact]
        public void IsAPortalRecordWithoutAProvinceRecord_AfterTheGrace()
        {
            var p = Province(received: Now.AddDays(-3));
            var e = Evaluate(null, Portal(p));
            Assert.Equal([Rules.DossierUnknownToProvince], RulesOf(e));
            Assert.Equal(Agency, e.Findings[0].Agency);
            // No KPI counts it; only its open finding is counted.
            Assert.Equal([Contribution.OpenFinding(e.Findings[0])], e.Contributions);
        }
    }

    public sealed class Payments
    {
        private static readonly DateTimeOffset Paid = new(2025, 9, 1, 9, 5, 0, Vn);

        [Fact]
        public void ForAnUnknownDossierAreAFindingAboutTheTransaction()
        {
            var e = Evaluate(null, null, Payment(Paid));
            var finding = Assert.Single(e.Findings);
            Assert.Equal(new FindingKey(Rules.PaymentUnknownDossier, Agency, "TX-1"), finding);
        }

        [Fact]
        public void RecordedOtherwiseInTheProvinceAreNotRecorded()
        {
            var p = Province(pay: "Cash");
            Assert.Equal([Rules.PaymentNotRecorded], RulesOf(Evaluate(p, Portal(p), Payment(Paid))));
        }

        [Fact]
        public void RecordedAsOnlineWithoutASuccessfulTransactionAreMissing_FailedAttemptsDoNotCount()
        {
            var p = Province(pay: "Online");
            var e = Evaluate(p, Portal(p), Payment(Paid, status: 1, id: "TX-0"));
            Assert.Equal([Rules.PaymentMissingTransaction], RulesOf(e));
            Assert.False(Single(e, Resolved).Hit);
        }

        [Fact]
        public void OfAnotherAmountThanTheFeeAreAMismatch_OfTheDossier()
        {
            var p = Province(pay: "Online", fee: 50_000);
            var e = Evaluate(p, Portal(p), Payment(Paid, amount: 45_000));
            Assert.Equal(new FindingKey(Rules.PaymentAmountMismatch, Agency, Code), Assert.Single(e.Findings));
        }

        [Fact]
        public void AFeePaidInSeveralTransactionsIsTheirSum_FailedAttemptsCountForNothing()
        {
            var p = Province(pay: "Online", fee: 50_000);
            var parts = new[] { Payment(Paid, amount: 30_000, id: "TX-2"), Payment(Paid.AddMinutes(-5), amount: 20_000, id: "TX-1"), Payment(Paid.AddMinutes(-9), amount: 50_000, status: 1, id: "TX-0") };
            Assert.Empty(Evaluate(p, Portal(p), parts).Findings);
            Assert.Empty(Evaluate(p, Portal(p), [.. parts.Reverse()]).Findings);
            var partial = Evaluate(p, Portal(p), parts[0], parts[2]);
            Assert.Equal(new FindingKey(Rules.PaymentAmountMismatch, Agency, Code), Assert.Single(partial.Findings));
        }

        [Fact]
        public void ADossierWithNothingToPay_FreeOrExempt_CountsAsResolvedButNotInTheOnlinePaymentRate()
        {
            foreach (var p in new[] { Province(fee: 0), Province(fee: 0) with { FeeExempt = true } })
            {
                var e = Evaluate(p, Portal(p));
                Assert.DoesNotContain(e.Contributions, c => c.Key == Resolved);
                Assert.False(Single(e, "S:P-FULL-PAY").Hit);
                var slots = Single(e, "S:P-FULL-PAY").ActivitySlots();
                Assert.Equal((1L, 0L, 0L), (slots[3], slots[4], slots[5])); // resolved, paid online, with a fee to pay
            }
        }

        [Fact]
        public void APaymentThroughTheProvincialGatewayIsPaidOnline_AndNeedsNoTransactionOnTheNationalPlatform()
        {
            var p = Province(pay: "Online") with { ViaProvincialGateway = true, PaidAt = Paid };
            var e = Evaluate(p, Portal(p));
            Assert.Empty(e.Findings);
            Assert.True(Single(e, Resolved).Hit);
            Assert.Equal("2025-09", Single(e, "P:P-FULL-PAY").Month);
            Assert.Contains(e.Contributions, c => c.Key == "P:P-FULL-PAY" && c.Month == Contribution.AllTime);

            // Recorded as through the national platform, the same dossier is missing its transaction.
            var national = p with { ViaProvincialGateway = false };
            Assert.Equal([Rules.PaymentMissingTransaction], RulesOf(Evaluate(national, Portal(national))));
        }

        [Fact]
        public void AreNotJudgedInsideTheGrace()
        {
            var received = Now.AddHours(-2);
            var p = Province(received: received, pay: "Cash", result: Now.AddHours(-1));
            Assert.Empty(Evaluate(p, Portal(p), Payment(received.AddMinutes(5))).Findings);
        }
    }

    public sealed class WorkflowAndService
    {
        [Fact]
        public void ClosingBeforeTheResultIsAFindingAndACount()
        {
            var p = Province(closed: new DateTimeOffset(2025, 9, 2, 8, 0, 0, Vn), result: new DateTimeOffset(2025, 9, 3, 8, 0, 0, Vn));
            var e = Evaluate(p, Portal(p));
            Assert.Equal([Rules.ClosedBeforeResult], RulesOf(e));
            var count = Single(e, Kpis.ClosedBeforeResult);
            Assert.True(count.Count);
            Assert.Equal("2025-09", count.Month);
        }

        [Fact]
        public void ClosingWithoutAResultIsAFinding_UnlessTheDossierWasRejectedWithdrawnOrStopped()
        {
            // Not yet due: closing it early is the only finding.
            var open = Province(status: 4, due: Now.AddDays(5)) with { Result = null, Closed = new DateTimeOffset(2025, 9, 2, 8, 0, 0, Vn) };
            Assert.Equal([Rules.ClosedBeforeResult], RulesOf(Evaluate(open, Portal(open))));
            foreach (var status in new[] { 3, 7, 8 })
            {
                var ended = open with { Status = status };
                Assert.Empty(Evaluate(ended, Portal(ended)).Findings);
            }
        }

        [Fact]
        public void ALateResultWithoutAnApologyIsAFinding_WithOneItIsNot()
        {
            var received = new DateTimeOffset(2025, 9, 1, 9, 0, 0, Vn);
            var late = Province(received: received, result: received.AddDays(6), apology: false);
            var e = Evaluate(late, Portal(late));
            Assert.Equal([Rules.LateWithoutApology], RulesOf(e));
            Assert.False(Single(e, Kpis.OnTimeRate).Hit);
            Assert.False(Single(e, Kpis.LateApologyRate).Hit);

            var apologised = late with { Apology = true };
            var ok = Evaluate(apologised, Portal(apologised));
            Assert.Empty(ok.Findings);
            Assert.True(Single(ok, Kpis.LateApologyRate).Hit);
        }

        [Fact]
        public void AResultExactlyAtTheDueTimeIsOnTime()
        {
            var received = new DateTimeOffset(2025, 9, 1, 9, 0, 0, Vn);
            var p = Province(received: received, result: received.AddDays(5));
            Assert.True(Single(Evaluate(p, Portal(p)), Kpis.OnTimeRate).Hit);
        }

        [Fact]
        public void AnOnlineSubmissionByStaffIsAFinding_InPersonByStaffIsNot()
        {
            var p = Province(byStaff: true, channel: 2);
            Assert.Equal([Rules.OnlineSubmittedByStaff], RulesOf(Evaluate(p, Portal(p))));
            var inPerson = Province(byStaff: true, channel: 1);
            var e = Evaluate(inPerson, Portal(inPerson));
            Assert.Empty(e.Findings);
            Assert.False(Single(e, Received).Hit);
        }
    }

    public sealed class Months
    {
        [Fact]
        public void FollowVietnamTime_NotUtc()
        {
            // 30 June 17:30 UTC is 1 July 00:30 in Vietnam.
            var received = new DateTimeOffset(2025, 6, 30, 17, 30, 0, TimeSpan.Zero);
            var p = Province(received: received, result: new DateTimeOffset(2025, 7, 31, 16, 59, 59, TimeSpan.Zero));
            var e = Evaluate(p, Portal(p));
            Assert.Equal("2025-07", Single(e, Received).Month);
            Assert.Equal("2025-07", Single(e, Kpis.OnTimeRate).Month);
            Assert.Equal("2025-07", Single(e, Digitised).Month);

            var lastSecondOfJuly = p with { Result = new DateTimeOffset(2025, 7, 31, 17, 0, 0, TimeSpan.Zero) };
            Assert.Equal("2025-08", Single(Evaluate(lastSecondOfJuly, Portal(lastSecondOfJuly)), Digitised).Month);
        }

        [Fact]
        public void ADossierStraddlingTheReorganisationStaysWithTheUnitThatReceivedIt()
        {
            var received = new DateTimeOffset(2025, 6, 30, 15, 0, 0, Vn);
            var p = Province(received: received, result: new DateTimeOffset(2025, 7, 2, 10, 0, 0, Vn)) with { Agency = "000.00.31.H10" };
            var e = Evaluate(p, Portal(p));
            Assert.All(e.Contributions.Where(c => c.Month != Contribution.AllTime && !c.Key.StartsWith("P:")), c => Assert.Equal("000.00.31.H10", c.Agency));
            Assert.Equal("2025-06", Single(e, Received).Month);
            Assert.Equal("2025-06", Single(e, Kpis.OnTimeRate).Month); // the plan counts dossiers received in the period
            Assert.Equal("2025-07", Single(e, Digitised).Month);
        }
    }

    public sealed class Serialisation
    {
        [Fact]
        public void FindingsAndContributionsRoundTripThroughTheirStoredText()
        {
            var p = Province(pay: "Online", byStaff: true, updated: Now.AddDays(-3));
            var e = Evaluate(p, Portal(p, status: 4), Payment(p.Received.AddMinutes(5), amount: 1));
            Assert.Equal(e.Findings.OrderBy(f => f.ToString()), Evaluation.ParseFindings(e.FindingsText).OrderBy(f => f.ToString()));
            Assert.Equal(e.Contributions.OrderBy(c => c.ToString()), Evaluation.ParseContributions(e.ContributionsText).OrderBy(c => c.ToString()));
            Assert.Empty(Evaluation.ParseFindings(""));
        }
    }
}
