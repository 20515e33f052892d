using System.Globalization;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The periods KPIs are published for: a month "yyyy-MM", a quarter "yyyy-Qn" and a year "yyyy"
/// (Vietnam calendar), as the plan and Decision 766 report them: monthly, quarterly, yearly.
/// </summary>
public static class KpiPeriods
{
    /// <summary>The quarter a month ("yyyy-MM") is in: "yyyy-Qn".</summary>
    public static string QuarterOf(string month) => $"{month[..4]}-Q{(MonthNumber(month) - 1) / 3 + 1}";

    /// <summary>A real month, quarter or year of a sensible year (2000-2100).</summary>
    public static bool IsPeriod(string? value)
    {
        if (value is null || value.Length < 4 || !int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100) return false;
        return value.Length switch
        {
            4 => true,
            7 when value[4] == '-' && value[5] == 'Q' => value[6] is >= '1' and <= '4',
            7 when value[4] == '-' => int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12,
            _ => false,
        };
    }

    public static bool IsQuarter(string period) => period.Length == 7 && period[5] == 'Q';

    public static bool IsMonth(string period) => period.Length == 7 && period[5] != 'Q';

    /// <summary>The first month ("yyyy-MM") a period covers.</summary>
    public static string FirstMonth(string period) => period.Length == 4 ? period + "-01"
        : IsQuarter(period) ? $"{period[..4]}-{(period[6] - '1') * 3 + 1:D2}" : period;

    /// <summary>The last month ("yyyy-MM") a period covers: a year's and a quarter's target is the one in force then.</summary>
    public static string LastMonth(string period) => period.Length == 4 ? period + "-12"
        : IsQuarter(period) ? $"{period[..4]}-{(period[6] - '0') * 3:D2}" : period;

    public static DateOnly FirstDay(string period) => DateOnly.ParseExact(FirstMonth(period) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly LastDay(string period) => FirstDay(LastMonth(period)).AddMonths(1).AddDays(-1);

    private static int MonthNumber(string month) => int.Parse(month.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture);
}
