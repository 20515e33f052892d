using System.Text.RegularExpressions;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>The incremental publication reads only the touched periods' rows, within Table Storage's filter limits.</summary>
public sealed partial class KpiStoreFilterTests
{
    [Fact]
    public void EveryTouchedPeriodIsOneRowKeyRange_AndNoQueryHoldsMoreThanFifteenComparisons()
    {
        var periods = Enumerable.Range(1, 12).Select(m => $"2025-{m:D2}").Concat(["2025-Q1", "2025-Q4", "2025", "current", "2025"]).ToList();
        var filters = KpiStore.PeriodsFilters("level:District", periods).ToList();

        Assert.Equal(3, filters.Count); // 16 distinct periods, at most 7 a query
        Assert.All(filters, f =>
        {
            Assert.StartsWith("PartitionKey eq 'level:District' and (", f);
            Assert.InRange(Comparison().Matches(f).Count, 3, TableLimits.MaxFilterComparisons);
        });
        var ranges = filters.SelectMany(f => Range().Matches(f)).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(periods.Distinct().Order(StringComparer.Ordinal).Select(p => (p + "|", p + "}")), ranges);
        // A year's range holds its own rows and not its months' ("2025-..." sorts below "2025|").
        Assert.True(string.CompareOrdinal("2025-09|on_time_rate", "2025|") < 0);
    }

    [GeneratedRegex(@" (eq|ge|lt) ")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"RowKey ge '([^']*)' and RowKey lt '([^']*)'")]
    private static partial Regex Range();
}
