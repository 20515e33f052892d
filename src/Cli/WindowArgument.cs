using System.Globalization;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Cli;

/// <summary>The backfill window of <c>hub sync --from TIME --to TIME</c>: dates are Vietnam time, instants need an offset.</summary>
public static class WindowArgument
{
    /// <summary>The window the options give, or null without --from and --to; a malformed one is a usage error.</summary>
    public static SyncWindow? Parse(IReadOnlyDictionary<string, string?> options)
    {
        if (!options.ContainsKey("from") && !options.ContainsKey("to")) return null;
        var from = Instant(options.GetValueOrDefault("from"), "--from");
        var to = Instant(options.GetValueOrDefault("to"), "--to");
        if (to <= from) throw new UsageException("--to must be after --from.");
        return new SyncWindow(from, to);
    }

    private static DateTimeOffset Instant(string? text, string name)
    {
        if (text is null) throw new UsageException($"{name} is required with a window.");
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // 0001-01-01 in Vietnam time is before the first instant a DateTimeOffset can hold.
            if (day == DateOnly.MinValue) throw new UsageException($"{name} '{text}' is out of range.");
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
        {
            return instant;
        }
        throw new UsageException($"{name} '{text}' is not a date (yyyy-MM-dd) or an ISO 8601 instant with an offset.");
    }
}
