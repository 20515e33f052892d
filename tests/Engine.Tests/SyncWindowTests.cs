using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Tests;

public sealed class SyncWindowTests
{
    private static readonly DateTimeOffset PeriodStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly TimeSpan Year = TimeSpan.FromDays(366);

    [Fact]
    public void AMonthWithinThePeriodIsRun() =>
        Assert.Null(new SyncWindow(new(2025, 7, 1, 0, 0, 0, TimeSpan.FromHours(7)), new(2025, 8, 1, 0, 0, 0, TimeSpan.FromHours(7))).Refusal(PeriodStart, Now, Year));

    [Fact]
    public void TheWholePeriodUpToNowIsRunIfNoLongerThanTheLimit() =>
        Assert.Null(new SyncWindow(Now.AddDays(-366), Now).Refusal(PeriodStart, Now, Year));

    [Theory]
    [InlineData("0001-01-01T00:00:00+00:00", "9999-12-31T00:00:00+00:00", "before the reconciliation period")]
    [InlineData("2024-12-31T00:00:00+07:00", "2025-01-31T00:00:00+07:00", "before the reconciliation period")]
    [InlineData("2026-03-01T00:00:00+07:00", "2026-04-01T00:00:00+07:00", "into the future")]
    [InlineData("2025-01-01T00:00:00+07:00", "2026-03-01T00:00:00+07:00", "at most 366")]
    [InlineData("2025-08-01T00:00:00+07:00", "2025-07-01T00:00:00+07:00", "end must be after")]
    [InlineData("2025-08-01T00:00:00+07:00", "2025-08-01T00:00:00+07:00", "end must be after")]
    public void AWindowOutsideTheBoundsIsRefusedWithTheReason(string from, string to, string reason)
    {
        var refusal = new SyncWindow(DateTimeOffset.Parse(from), DateTimeOffset.Parse(to)).Refusal(PeriodStart, Now, Year);
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
    }
}
