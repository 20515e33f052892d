using IntegrationHub.Contracts.Calendar;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Working days as the province's administration counts them: Monday to Friday except the days off,
/// plus the weekend days worked in exchange (the shipped <see cref="DaysOff"/>, with any days the
/// configuration adds for years not shipped). Pure.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> daysOff;
    private readonly HashSet<DateOnly> workingWeekendDays;

    public WorkingCalendar(IEnumerable<DateOnly> daysOff, IEnumerable<DateOnly> workingWeekendDays, IEnumerable<int> years)
    {
        this.daysOff = [.. daysOff];
        this.workingWeekendDays = [.. workingWeekendDays];
        Years = years.ToHashSet();
    }

    public static WorkingCalendar Shipped { get; } = From(DaysOff.Shipped, [], []);

    /// <summary>The shipped calendar with the configured days added; a year with any configured day counts as known.</summary>
    public static WorkingCalendar From(DaysOff shipped, IReadOnlyCollection<DateOnly> extraDaysOff, IReadOnlyCollection<DateOnly> extraWorkingDays) =>
        new(shipped.Weekdays.Concat(extraDaysOff), shipped.WorkingWeekendDays.Concat(extraWorkingDays),
            shipped.Years.Concat(extraDaysOff.Concat(extraWorkingDays).Select(d => d.Year)));

    /// <summary>The years whose days off are known; in other years only weekends are off.</summary>
    public IReadOnlySet<int> Years { get; }

    public bool IsWorkingDay(DateOnly day) =>
        workingWeekendDays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !daysOff.Contains(day));

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="day"/>; the day itself for 0.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int count)
    {
        for (var left = count; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when to is not later.</summary>
    public int WorkingDaysAfter(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) count++;
        }
        return count;
    }
}
