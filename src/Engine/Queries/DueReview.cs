using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// The weekly review the plan asks of heads of units: their agency's open dossiers that are overdue,
/// and those due within the next <see cref="Days"/> days (their clocks running), each earliest due
/// first, with the handler to ask. <see cref="Open"/> counts every open dossier of the agency.
/// </summary>
public sealed record DueReview(string Agency, DateTimeOffset AsOf, int Days, int Open, IReadOnlyList<OpenDossier> Overdue, IReadOnlyList<OpenDossier> DueSoon)
{
    public const int DefaultDays = 7;
    public const int MaxDays = 31;

    /// <summary>Splits an agency's open dossiers into overdue and due soon at <paramref name="now"/>; pure.</summary>
    public static DueReview Of(string agency, IReadOnlyCollection<OpenDossier> open, DateTimeOffset now, int days)
    {
        var overdue = open.Where(d => d.OverdueAt(now)).OrderBy(d => d.Due).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        var soon = open.Where(d => !d.Waiting && d.Due >= now && d.Due <= now.AddDays(days))
            .OrderBy(d => d.Due).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        return new DueReview(agency, now, days, open.Count, overdue, soon);
    }
}
