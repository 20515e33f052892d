using System.Globalization;

namespace IntegrationHub.Functions.Api;

/// <summary>Validates what callers send: agency codes, periods, rules, statuses.</summary>
public static class ApiInput
{
    /// <summary>"yyyy-MM" or "yyyy", a real month and a sensible year.</summary>
    public static bool IsPeriod(string? value) =>
        value is { Length: 4 } && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
        || value is { Length: 7 } && value[4] == '-' && IsPeriod(value[..4])
           && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12;

    /// <summary>The first day a period covers.</summary>
    public static DateOnly FirstDayOf(string period) =>
        new(int.Parse(period[..4], CultureInfo.InvariantCulture), period.Length == 4 ? 1 : int.Parse(period[5..], CultureInfo.InvariantCulture), 1);

    /// <summary>The last day a period covers (the date hierarchy questions are asked about).</summary>
    public static DateOnly LastDayOf(string period, DateOnly today)
    {
        var year = int.Parse(period[..4], CultureInfo.InvariantCulture);
        var last = period.Length == 4 ? new DateOnly(year, 12, 31) : new DateOnly(year, int.Parse(period[5..], CultureInfo.InvariantCulture), 1).AddMonths(1).AddDays(-1);
        return last < today ? last : today;
    }
}
