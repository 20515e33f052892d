using System.Globalization;

namespace IntegrationHub.Engine.Sync;

/// <summary>An explicit time window to backfill (inclusive start, exclusive end).</summary>
public sealed record SyncWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// Why a backfill window may not be run, or null: it must end after it starts, lie
    /// within the reconciliation period (nothing before <paramref name="periodStart"/> is counted),
    /// not reach into the future, and span at most <paramref name="maxLength"/> (a window of
    /// 0001..9999 would page the upstream for ever).
    /// </summary>
    public string? Refusal(DateTimeOffset periodStart, DateTimeOffset now, TimeSpan maxLength)
    {
        if (To <= From) return "The window's end must be after its start.";
        if (From < periodStart) return $"The window starts before the reconciliation period ({Text(periodStart)}).";
        if (To > now) return $"The window reaches into the future (now is {Text(now)}).";
        if (To - From > maxLength) return string.Create(CultureInfo.InvariantCulture, $"The window spans {(To - From).TotalDays:F0} days; at most {maxLength.TotalDays:F0} (Sync__MaxBackfill): split it.");
        return null;
    }

    private static string Text(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
