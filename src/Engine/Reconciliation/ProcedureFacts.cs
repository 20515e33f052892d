namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// What the province says about a procedure, as reconciliation needs it: its flags now, and since
/// when each of their values was in force (<see cref="History"/>), so a KPI of a month counts the
/// procedure by the flags it had in that month.
/// </summary>
public sealed record ProcedureFacts(string Code, string LeadAgency, bool FullOnline, bool OnlinePayment, bool Vertical)
{
    /// <summary>The flags' values, oldest first, each in force from its month on; empty: the flags now, always.</summary>
    public IReadOnlyList<ProcedureFlags> History { get; init; } = [];

    /// <summary>Its field (MaLinhVuc): an eligible procedure the province never configured is put to the lead agency of its field.</summary>
    public string Field { get; init; } = "";

    /// <summary>The levels whose competence it is ("Province", "District", "Commune"), as the case system lists them.</summary>
    public IReadOnlyList<string> Levels { get; init; } = [];

    /// <summary>
    /// The level whose competence a dossier of it is, received by an agency of <paramref name="agencyLevel"/>:
    /// that level when the procedure is of its competence, else the procedure's first level (a
    /// department handles the province's competence; a merged commune, the district's it inherited);
    /// the agency's level when the case system gives none.
    /// </summary>
    public string CompetenceLevel(string agencyLevel) =>
        Levels.Count == 0 || Levels.Contains(agencyLevel, StringComparer.Ordinal) ? agencyLevel : Levels[0];

    /// <summary>Provided partly online (một phần); null when the case system does not report it.</summary>
    public bool? PartialOnline { get; init; }

    /// <summary>Its internal and electronic workflows are published; null when not reported.</summary>
    public bool? WorkflowsPublished { get; init; }
    /// <summary>Received and returned at the one-stop desks; null when not reported.</summary>
    public bool? OneStop { get; init; }
    public bool? LinkedSameLevel { get; init; }
    public bool? LinkedCrossLevel { get; init; }

    /// <summary>Offered fully online in a month ("yyyy-MM"), by the flags in force at the month's end.</summary>
    public bool FullOnlineIn(string month) => FlagsIn(month)?.FullOnline ?? FullOnline;

    /// <summary>Online payment enabled in a month ("yyyy-MM"), by the flags in force at the month's end.</summary>
    public bool OnlinePaymentIn(string month) => FlagsIn(month)?.OnlinePayment ?? OnlinePayment;

    private ProcedureFlags? FlagsIn(string month)
    {
        ProcedureFlags? found = null;
        foreach (var flags in History)
        {
            if (found is not null && string.CompareOrdinal(flags.FromMonth, month) > 0) break;
            found = flags;
        }
        return found;
    }
}
