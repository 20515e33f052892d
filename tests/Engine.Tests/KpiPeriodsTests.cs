using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Tests;

public sealed class KpiPeriodsTests
{
    [Theory]
    [InlineData("2025", true)]
    [InlineData("2025-01", true)]
    [InlineData("2025-12", true)]
    [InlineData("2025-Q1", true)]
    [InlineData("2025-Q4", true)]
    [InlineData("2025-Q0", false)]
    [InlineData("2025-Q5", false)]
    [InlineData("2025-13", false)]
    [InlineData("2025-00", false)]
    [InlineData("1999", false)]
    [InlineData("2025-1", false)]
    [InlineData("2025-q1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void APeriodIsAMonthAQuarterOrAYear(string? period, bool valid) => Assert.Equal(valid, KpiPeriods.IsPeriod(period));

    [Theory]
    [InlineData("2025-01", "2025-Q1")]
    [InlineData("2025-03", "2025-Q1")]
    [InlineData("2025-04", "2025-Q2")]
    [InlineData("2025-09", "2025-Q3")]
    [InlineData("2025-12", "2025-Q4")]
    public void EachMonthIsInItsQuarter(string month, string quarter) => Assert.Equal(quarter, KpiPeriods.QuarterOf(month));

    [Theory]
    [InlineData("2025", "2025-01", "2025-12", "2025-12-31")]
    [InlineData("2025-Q1", "2025-01", "2025-03", "2025-03-31")]
    [InlineData("2025-Q4", "2025-10", "2025-12", "2025-12-31")]
    [InlineData("2024-02", "2024-02", "2024-02", "2024-02-29")]
    public void APeriodSpansItsMonths(string period, string first, string last, string lastDay)
    {
        Assert.Equal((first, last), (KpiPeriods.FirstMonth(period), KpiPeriods.LastMonth(period)));
        Assert.Equal(DateOnly.Parse(first + "-01"), KpiPeriods.FirstDay(period));
        Assert.Equal(DateOnly.Parse(lastDay), KpiPeriods.LastDay(period));
    }
}
