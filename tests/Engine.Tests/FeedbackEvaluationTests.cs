using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>Citizens' feedback as the plan counts it: answered on time and published (docs/reconciliation.md, "Feedback").</summary>
public sealed class FeedbackEvaluationTests
{
    private static readonly DateTimeOffset Now = VietnamTime.At(2025, 9, 15, 12);
    private static readonly DateTimeOffset Received = VietnamTime.At(2025, 8, 20, 9);
    private static readonly DateTimeOffset Due = VietnamTime.At(2025, 9, 4, 9);
    private const string Agency = "000.00.01.H10";
    private static readonly EvaluationContext Context = new(Now, TimeSpan.FromHours(24), VietnamTime.At(2025, 1, 1));

    private static Evaluation Evaluate(DateTimeOffset? answered, bool published, DateTimeOffset? due = null, SeenUntil? seen = null) =>
        DossierEvaluator.Evaluate(new DossierState("PAKN-1", null, null, [])
        {
            Feedback = new FeedbackRecord(Agency, "1.000001", Received, due ?? Due, answered, published, answered ?? Received),
        }, Context with { Seen = seen });

    private static Contribution? Rate(Evaluation e) => e.Contributions.SingleOrDefault(c => c.Key == Kpis.FeedbackHandledRate) is { Key: not null } c ? c : null;

    private static bool Flagged(Evaluation e) => e.Findings.Contains(new FindingKey(Rules.FeedbackNotHandled, Agency, "PAKN-1"));

    [Fact]
    public void AnsweredOnTimeAndPublished_IsHandled_InItsReceiptMonth()
    {
        var e = Evaluate(Due.AddDays(-1), published: true);
        Assert.Equal(new Contribution(Agency, "2025-08", Kpis.FeedbackHandledRate, true), Rate(e));
        Assert.False(Flagged(e));
        Assert.Null(e.Open);
    }

    [Fact]
    public void AnsweredLate_OrUnansweredPastDue_IsNotHandled_AndAFinding()
    {
        var late = Evaluate(Due.AddHours(1), published: true);
        Assert.False(Rate(late)!.Value.Hit);
        Assert.True(Flagged(late));

        var unanswered = Evaluate(null, published: false);
        Assert.False(Rate(unanswered)!.Value.Hit);
        Assert.True(Flagged(unanswered));
    }

    [Fact]
    public void UnansweredBeforeItsDueTime_IsNotCountedYet_AndLookedAtAgainJustAfterIt()
    {
        var due = Now.AddDays(3);
        var e = Evaluate(null, published: false, due: due);
        Assert.Null(Rate(e));
        Assert.False(Flagged(e));
        Assert.Equal(due.AddSeconds(1), e.NextCheck);
    }

    [Fact]
    public void UnansweredPastDue_IsJudgedOnlyOnceThePortalFeedWasReadPastTheDueTime()
    {
        var lagging = Evaluate(null, published: false, seen: new SeenUntil(Now, Due.AddHours(-1), Now));
        Assert.False(Flagged(lagging));
        Assert.Null(Rate(lagging));
        Assert.True(Flagged(Evaluate(null, published: false, seen: new SeenUntil(Now, Due.AddHours(1), Now))));
    }

    [Fact]
    public void AnsweredOnTimeButNotPublished_CountsAsNotHandled_AndIsAFindingOnceTheGraceHasPassed()
    {
        var recent = Evaluate(Now.AddHours(-3), published: false, due: Now.AddDays(2));
        Assert.False(Rate(recent)!.Value.Hit);
        Assert.False(Flagged(recent)); // publication may follow the answer within the grace
        var old = Evaluate(Due.AddDays(-2), published: false);
        Assert.True(Flagged(old));
    }
}
