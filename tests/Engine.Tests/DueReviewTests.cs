using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Tests;

public sealed class DueReviewTests
{
    private static readonly DateTimeOffset Now = VietnamTime.At(2025, 9, 15, 9);

    private static OpenDossier Open(string code, double dueInDays, bool waiting = false, bool lateWhenWaitBegan = false) =>
        new(code, "A", "P", Now.AddDays(-10), Now.AddDays(dueInDays), waiting, lateWhenWaitBegan, "cb01", "Nguyễn Văn A");

    [Fact]
    public void OverdueAreThosePastDueAndRunningOrLateBeforeTheirWait_DueSoonThoseRunningAndDueWithinTheDays()
    {
        var review = DueReview.Of("A",
        [
            Open("late-2", -2), Open("late-1h", -1.0 / 24), Open("soon-3", 3), Open("soon-7", 7), Open("later-8", 8),
            Open("waiting-late", -5, waiting: true, lateWhenWaitBegan: true),
            Open("waiting-on-time", -1, waiting: true), // its clock stopped before its due time: not overdue however long it waits
            Open("waiting-soon", 2, waiting: true),     // stopped: not due until the applicant answers
        ], Now, days: 7);

        Assert.Equal(8, review.Open);
        Assert.Equal(["waiting-late", "late-2", "late-1h"], review.Overdue.Select(d => d.Code));
        Assert.Equal(["soon-3", "soon-7"], review.DueSoon.Select(d => d.Code));
        Assert.Equal(["soon-3"], DueReview.Of("A", [Open("soon-3", 3), Open("soon-7", 7)], Now, days: 3).DueSoon.Select(d => d.Code));
    }
}
