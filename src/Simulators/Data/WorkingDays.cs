using IntegrationHub.Contracts.Calendar;

namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The simulators' own counting of working days over the shipped calendar (<see cref="DaysOff"/>):
/// Monday to Friday except the days off, plus the weekend days worked in exchange.
/// </summary>
public static class WorkingDays
{
    private static readonly DaysOff Calendar = DaysOff.Shipped;

    public static bool IsWorking(DateOnly day) =>
        Calendar.WorkingWeekendDays.Contains(day)
        || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Calendar.Weekdays.Contains(day));

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="day"/> (the day itself when count is 0).</summary>
    public static DateOnly After(DateOnly day, int count)
    {
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsWorking(day)) count--;
        }
        return day;
    }

    /// <summary>The instant on <paramref name="day"/> at the Vietnam time of day of <paramref name="instant"/>.</summary>
    public static DateTimeOffset SameTimeOn(DateTimeOffset instant, DateOnly day)
    {
        var local = instant.ToVietnam();
        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), VietnamTime.Offset);
    }
}
