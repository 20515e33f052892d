using System.Globalization;

namespace IntegrationHub.Contracts;

/// <summary>Vietnam time (UTC+7, no daylight saving) and the portal's yyyyMMddHHmmss format, in one place for the hub and the simulators.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToVietnam(this DateTimeOffset value) => value.ToOffset(Offset);

    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);

    public static string ToPortal(DateTimeOffset value) =>
        value.ToOffset(Offset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static bool TryParsePortal(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length != 14 ||
            !DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        value = new DateTimeOffset(local, Offset);
        return true;
    }

    /// <summary>The Vietnam calendar month, "yyyy-MM", an instant falls in.</summary>
    public static string Month(DateTimeOffset value) =>
        value.ToOffset(Offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly Date(DateTimeOffset value) => DateOnly.FromDateTime(value.ToOffset(Offset).DateTime);
}
