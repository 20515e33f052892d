using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>Due times in working days (docs/reconciliation.md, "Due times"); pure.</summary>
public static class DueDates
{
    /// <summary>
    /// The due time with the clock stopped while the dossier waited for its applicant: each working
    /// day after a pause began, up to the day it ended (today for a pause still running), moves it
    /// one working day later, at the same time of day.
    /// </summary>
    public static DateTimeOffset Effective(ProvinceRecord p, WorkingCalendar calendar, DateTimeOffset now)
    {
        var paused = 0;
        foreach (var pause in p.Pauses)
        {
            paused += calendar.WorkingDaysAfter(VietnamTime.Date(pause.Started), VietnamTime.Date(pause.Ended ?? now));
        }
        return paused == 0 ? p.Due : SameTimeOn(p.Due, calendar.AddWorkingDays(VietnamTime.Date(p.Due), paused));
    }

    /// <summary>The day a dossier received at <paramref name="received"/> is due: the processing days' last working day after the day of receipt.</summary>
    public static DateOnly Expected(DateTimeOffset received, int processingDays, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(VietnamTime.Date(received), processingDays);

    private static DateTimeOffset SameTimeOn(DateTimeOffset instant, DateOnly day) =>
        new(day.ToDateTime(TimeOnly.FromTimeSpan(instant.ToVietnam().TimeOfDay)), VietnamTime.Offset);
}
