using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Where a dossier stands against its due time, as the plan and Decision 766 count it
/// (docs/reconciliation.md, "On time"): <see cref="Due"/> is its due time moved by its pauses
/// (<see cref="DueDates.Effective"/>); <see cref="Ended"/> when its result was issued, or it was
/// rejected, withdrawn or stopped (its workflow's close); <see cref="Waiting"/> while it waits for its
/// applicant, its clock stopped. Late when it ended after its due time, or is still open past it; a
/// waiting dossier is late only if it already was when the wait began.
/// </summary>
public readonly record struct DossierProgress(DateTimeOffset Due, DateTimeOffset? Ended, bool Waiting, bool Late)
{
    /// <summary>Open and running: whether it is late can change with the clock alone.</summary>
    public bool Running => Ended is null && !Waiting;

    public static DossierProgress Of(ProvinceRecord p, WorkingCalendar calendar, DateTimeOffset now)
    {
        var ended = p.Result ?? (p.EndedWithoutResult ? p.Closed ?? p.Updated : null);
        if (ended is { } end)
        {
            var due = DueDates.Effective(p, calendar, end);
            return new(due, end, false, end > due);
        }
        if (p.Pauses.LastOrDefault(x => x.Ended is null) is { } waiting)
        {
            var due = DueDates.Effective(p, calendar, waiting.Started);
            return new(due, null, true, waiting.Started > due);
        }
        var running = DueDates.Effective(p, calendar, now);
        return new(running, null, false, running < now);
    }
}
