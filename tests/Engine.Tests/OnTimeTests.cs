using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>
/// On time as the plan and Decision 766 count it, and due dates in working days, on hand-computed
/// dossiers (docs/reconciliation.md, "On time" and "Due times"). September 2025: 1 and 2 September
/// are the National Day holiday; the 6th and 7th, 13th and 14th are weekends.
/// </summary>
public sealed class OnTimeTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static DateTimeOffset At(int day, int hour, int month = 9) => new(2025, month, day, hour, 0, 0, Vn);
    private static readonly DateTimeOffset Now = At(15, 12);
    private const string Procedure = "1.000001";

    private static readonly EvaluationContext Context = new(Now, TimeSpan.FromHours(24), At(1, 0, month: 1))
    {
        ProcessingDays = new Dictionary<string, int> { [Procedure] = 3 },
    };

    /// <summary>Received Friday 5 September at 09:00 with 3 working days: due Wednesday 10 September at 09:00.</summary>
    private static ProvinceRecord Dossier(DateTimeOffset? result = null, int status = 10, bool apology = false, DateTimeOffset? due = null,
        DateTimeOffset? received = null, params PauseRecord[] pauses) =>
        new(Procedure, "000.00.01.H10", 1, false, received ?? At(5, 9), due ?? At(10, 9), result, result?.AddHours(1), result?.AddHours(2) ?? null,
            status, 0, "None", null, false, false, apology, null, null, result ?? At(5, 9))
        {
            Pauses = pauses,
        };

    private static Evaluation Evaluate(ProvinceRecord p, EvaluationContext? context = null) =>
        DossierEvaluator.Evaluate(new DossierState("D-1", p, null, []), context ?? Context);

    private static Contribution OnTime(Evaluation e) => Assert.Single(e.Contributions, c => c.Key == Kpis.OnTimeRate);

    private static bool Flagged(Evaluation e, string rule) => e.Findings.Any(f => f.Rule == rule);

    [Fact]
    public void AnOpenDossierPastItsDueTimeIsLate_AndOwesItsApology()
    {
        var e = Evaluate(Dossier(status: 4));
        Assert.False(OnTime(e).Hit);
        Assert.Equal("2025-09", OnTime(e).Month);
        Assert.False(Assert.Single(e.Contributions, c => c.Key == Kpis.LateApologyRate).Hit);
        Assert.True(Flagged(e, Rules.LateWithoutApology));

        var apologised = Evaluate(Dossier(status: 4, apology: true));
        Assert.False(OnTime(apologised).Hit);
        Assert.False(Flagged(apologised, Rules.LateWithoutApology));
    }

    [Fact]
    public void AnOpenDossierNotYetDueIsOnTime_AndLookedAtAgainJustAfterItsDueTime()
    {
        var e = Evaluate(Dossier(status: 4, due: At(17, 9)));
        Assert.True(OnTime(e).Hit);
        Assert.DoesNotContain(e.Contributions, c => c.Key == Kpis.LateApologyRate);
        Assert.Equal(At(17, 9).AddSeconds(1), e.NextCheck);
    }

    [Fact]
    public void AnOpenDossierPastDue_IsNotJudgedLateUntilTheProvinceFeedWasReadPastItsDueTime()
    {
        var lagging = Context with { Seen = new SeenUntil(At(9, 23), Now, Now) };
        var e = Evaluate(Dossier(status: 4), lagging);
        Assert.True(OnTime(e).Hit);
        Assert.False(Flagged(e, Rules.LateWithoutApology));
        Assert.Equal(Now.AddSeconds(1), e.NextCheck);
    }

    [Fact]
    public void APauseStopsTheClock_ByTheWorkingDaysItHeld()
    {
        // Waiting from Monday 8 September 10:00 to Wednesday 10 September 15:00 holds two working days
        // (the 9th and the 10th): due Friday 12 September at 09:00. A result on Thursday 11 September is on time.
        var paused = new PauseRecord(PauseReason.SupplementRequested, At(8, 10), At(10, 15));
        Assert.True(OnTime(Evaluate(Dossier(result: At(11, 16), pauses: paused))).Hit);
        Assert.False(OnTime(Evaluate(Dossier(result: At(11, 16)))).Hit);
        // Due Friday 12 September at 09:00: a result at 10:00 that day is an hour late.
        Assert.False(OnTime(Evaluate(Dossier(result: At(12, 10), pauses: paused))).Hit);
        // A pause over the weekend (Friday 12 to Monday 15) holds one working day, the Monday.
        var weekend = new PauseRecord(PauseReason.FinancialObligation, At(12, 16), At(15, 8));
        Assert.Equal(At(11, 9), DueDates.Effective(Dossier(pauses: weekend), WorkingCalendar.Shipped, Now));
    }

    [Fact]
    public void ADossierWaitingForItsApplicantIsNotLate_UnlessItAlreadyWasWhenTheWaitBegan()
    {
        var waiting = Evaluate(Dossier(status: 5, pauses: new PauseRecord(PauseReason.SupplementRequested, At(9, 10), null)));
        Assert.True(OnTime(waiting).Hit);
        Assert.Null(waiting.NextCheck);

        var tooLate = Evaluate(Dossier(status: 5, pauses: new PauseRecord(PauseReason.SupplementRequested, At(11, 10), null)));
        Assert.False(OnTime(tooLate).Hit);
    }

    [Fact]
    public void RejectedWithdrawnAndStoppedDossiersCount_LateWhenTheyEndedPastDue()
    {
        foreach (var status in new[] { Statuses.Rejected, Statuses.Withdrawn, Statuses.Stopped })
        {
            var early = Dossier(status: status) with { Closed = At(8, 10) };
            Assert.True(OnTime(Evaluate(early)).Hit);
            var late = Dossier(status: status, apology: true) with { Closed = At(12, 10) };
            Assert.False(OnTime(Evaluate(late)).Hit);
        }
    }

    [Fact]
    public void ADueDateCountedOverTheHolidayIsAFinding()
    {
        // Received Friday 29 August with 3 working days: the weekend and 1-2 September are off, so due Friday 5 September.
        var received = At(29, 10, month: 8);
        Assert.False(Flagged(Evaluate(Dossier(received: received, due: At(5, 10), result: At(4, 10))), Rules.DueDateMismatch));
        // Counted in calendar days, 1 September: a finding.
        Assert.True(Flagged(Evaluate(Dossier(received: received, due: At(1, 10), result: At(4, 10), apology: true)), Rules.DueDateMismatch));
        // The time of day is the case system's to choose: the day is what is judged.
        Assert.False(Flagged(Evaluate(Dossier(received: received, due: At(5, 17), result: At(4, 10))), Rules.DueDateMismatch));
    }

    [Fact]
    public void DueDatesAreNotJudged_ForAProcedureTheCatalogueDoesNotList_OrAYearTheCalendarDoesNotKnow()
    {
        var unknown = Dossier(due: At(1, 10), result: At(4, 10)) with { Procedure = "9.999999" };
        Assert.False(Flagged(Evaluate(unknown), Rules.DueDateMismatch));
        var later = new DateTimeOffset(2031, 3, 3, 9, 0, 0, Vn);
        var future = Dossier(received: later, due: later.AddDays(1), result: later.AddHours(5));
        Assert.False(Flagged(Evaluate(future, Context with { Now = later.AddDays(2) }), Rules.DueDateMismatch));
    }

    [Fact]
    public void TheCalendarCountsMakeUpSaturdays_AndConfiguredDaysOff()
    {
        var calendar = WorkingCalendar.Shipped;
        // Friday 25 April 2025 + 1 working day: Saturday 26 April was worked in exchange for Friday 2 May.
        Assert.Equal(new DateOnly(2025, 4, 26), calendar.AddWorkingDays(new DateOnly(2025, 4, 25), 1));
        Assert.Equal(new DateOnly(2025, 5, 5), calendar.AddWorkingDays(new DateOnly(2025, 4, 29), 1));
        Assert.Equal(new DateOnly(2025, 4, 25), calendar.AddWorkingDays(new DateOnly(2025, 4, 25), 0));
        Assert.Equal(0, calendar.WorkingDaysAfter(new DateOnly(2025, 9, 10), new DateOnly(2025, 9, 10)));
        Assert.Equal(3, calendar.WorkingDaysAfter(new DateOnly(2025, 8, 29), new DateOnly(2025, 9, 5)));

        var configured = WorkingCalendar.From(Contracts.Calendar.DaysOff.Shipped, [new DateOnly(2031, 1, 1)], []);
        Assert.False(configured.IsWorkingDay(new DateOnly(2031, 1, 1)));
        Assert.Contains(2031, configured.Years);
        Assert.DoesNotContain(2031, calendar.Years);
    }
}
