using System.Globalization;

namespace IntegrationHub.LocalHost;

/// <summary>
/// A six-field NCRONTAB schedule (second minute hour day month day-of-week), as Azure Functions timers
/// use, evaluated in UTC: *, lists, ranges and steps.
/// </summary>
public sealed class Ncrontab
{
    private readonly bool[] seconds, minutes, hours, days, months, weekdays;

    private Ncrontab(bool[][] fields) => (seconds, minutes, hours, days, months, weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);

    public static Ncrontab Parse(string expression)
    {
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6) throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression.");
        (int Min, int Max)[] ranges = [(0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];
        return new Ncrontab(parts.Select((p, i) => Field(p, ranges[i].Min, ranges[i].Max, expression)).ToArray());
    }

    private static bool[] Field(string text, int min, int max, string expression)
    {
        var allowed = new bool[max + 1];
        foreach (var item in text.Split(','))
        {
            var (range, step) = item.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw new FormatException($"Bad step in '{expression}'."),
            };
            int from, to;
            if (range == "*") (from, to) = (min, max);
            else if (range.Split('-') is [var a, var b]) (from, to) = (Number(a), Number(b));
            else (from, to) = (Number(range), step > 1 ? max : Number(range));
            if (from < min || to > max || from > to) throw new FormatException($"'{item}' is out of range in '{expression}'.");
            for (var v = from; v <= to; v += step) allowed[v] = true;
        }
        return allowed;

        int Number(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"'{s}' is not a number in '{expression}'.");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), within about a year.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var t = after.ToUniversalTime();
        t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, TimeSpan.Zero).AddSeconds(1);
        var limit = t.AddYears(1);
        while (t < limit)
        {
            if (!months[t.Month]) { t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1); continue; }
            if (!days[t.Day] || !weekdays[(int)t.DayOfWeek]) { t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1); continue; }
            if (!hours[t.Hour]) { t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1); continue; }
            if (!minutes[t.Minute]) { t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero).AddMinutes(1); continue; }
            if (!seconds[t.Second]) { t = t.AddSeconds(1); continue; }
            return t;
        }
        throw new InvalidOperationException("The schedule has no occurrence within a year.");
    }
}
