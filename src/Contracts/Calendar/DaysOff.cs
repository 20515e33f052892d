using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Contracts.Calendar;

/// <summary>
/// Vietnam's administrative calendar as dated data (Calendar/vietnam-days-off.json): the weekdays
/// off (public holidays and the days joined to them) and the weekend days worked in exchange, for
/// the <see cref="Years"/> it lists. Data only: the hub and the simulators each count working days
/// with their own code.
/// </summary>
public sealed record DaysOff(IReadOnlySet<DateOnly> Weekdays, IReadOnlySet<DateOnly> WorkingWeekendDays, IReadOnlySet<int> Years)
{
    private const string Resource = "Calendar.vietnam-days-off.json";

    /// <summary>The shipped calendar.</summary>
    public static DaysOff Shipped { get; } = Load();

    private static DaysOff Load()
    {
        using var stream = typeof(DaysOff).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        using var document = JsonDocument.Parse(stream);
        var off = new HashSet<DateOnly>();
        var worked = new HashSet<DateOnly>();
        var years = new HashSet<int>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateArray())
        {
            years.Add(year.GetProperty("year").GetInt32());
            foreach (var day in year.GetProperty("daysOff").EnumerateArray()) off.Add(Parse(day));
            foreach (var day in year.GetProperty("workingDays").EnumerateArray()) worked.Add(Parse(day));
        }
        return new DaysOff(off, worked, years);
    }

    private static DateOnly Parse(JsonElement day) => DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
