using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Tests;

/// <summary>How a procedure's effective-dated flags grow as the catalogue is synced.</summary>
public sealed class FlagHistoryTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 20, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void FlagsFirstSeenHoldForEveryEarlierMonth_AndUnchangedFlagsAddNothing()
    {
        var first = FlagHistory.Next([], fullOnline: false, onlinePayment: true, Now, Now)!;
        Assert.Equal([new ProcedureFlags("", false, true)], first);
        Assert.Null(FlagHistory.Next(first, false, true, Now, Now));
    }

    [Fact]
    public void AChangeHoldsFromTheMonthOfItsUpdateTime()
    {
        var history = FlagHistory.Next([new ProcedureFlags("", false, true)], true, true, Now.AddDays(-25), Now)!;
        Assert.Equal(new ProcedureFlags("2025-09", true, true), history[^1]);
        var facts = new ProcedureFacts("1.0001", "A", true, true, false) { History = history };
        Assert.False(facts.FullOnlineIn("2025-08"));
        Assert.True(facts.FullOnlineIn("2025-09"));
    }

    [Fact]
    public void AnUpdateTimeInTheFutureOrBeforeTheLastChangeCannotMoveTheChange()
    {
        var history = new List<ProcedureFlags> { new("", false, false), new("2025-09", true, false) };
        Assert.Equal("2025-10", FlagHistory.Next(history, true, true, Now.AddYears(3), Now)![^1].FromMonth);
        var backdated = FlagHistory.Next(history, false, false, Now.AddYears(-3), Now)!;
        Assert.Equal(new ProcedureFlags("2025-09", false, false), backdated[^1]);
        Assert.Equal(2, backdated.Count);
    }
}
