namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// One dossier's share in the KPIs: for <see cref="Agency"/> in <see cref="Month"/>, either a KPI
/// observation (Key = KPI name, Hit = counted in the numerator; counts have Count = true) or a
/// procedure-activity mark (Key = "P:code" paid, "N:code" received, "S:code" resolved with nothing
/// to pay, "Y:code" resolved with a fee to pay, "O:code" resolved and submitted online by its
/// applicant, "D:code" resolved with its input and result digitised), or one of its
/// open findings (Key = "F:rule", a count in <see cref="AllTime"/>: open findings by agency and rule
/// are then summed like any counter, without reading the Findings table). A dossier's
/// contributions do not depend on the catalogue: the KPIs that count only some procedures (full
/// online, payment enabled, not vertical) are assembled from the per-procedure activity when they
/// are published (<see cref="ActivityKpis"/>), so a change of a procedure's flags re-reads no dossier.
/// </summary>
public readonly record struct Contribution(string Agency, string Month, string Key, bool Hit, bool Count = false)
{
    public const string PaidPrefix = "P:";
    /// <summary>A dossier of the procedure received (Hit: online), for the per-procedure service view.</summary>
    public const string DossierPrefix = "N:";
    /// <summary>A dossier of the procedure resolved with nothing to pay (free, or the applicant exempt).</summary>
    public const string ResolvedPrefix = "S:";
    /// <summary>A dossier of the procedure resolved with a fee to pay (Hit: paid online), for online_payment_rate.</summary>
    public const string PayablePrefix = "Y:";
    /// <summary>A dossier of the procedure resolved that its applicant submitted online, for online_dossier_rate.</summary>
    public const string ResolvedOnlinePrefix = "O:";
    /// <summary>A dossier of the procedure resolved with its input and its result digitised, for digitisation_rate.</summary>
    public const string DigitisedPrefix = "D:";

    /// <summary>Columns of a procedure-activity row, in slot order.</summary>
    public static readonly string[] ActivityColumns = ["Paid", "Dossiers", "Online", "Resolved", "PaidOnline", "Payable", "ResolvedOnline", "Digitised"];

    /// <summary>What an activity mark adds to each column of its procedure's row.</summary>
    public long[] ActivitySlots()
    {
        var slots = new long[ActivityColumns.Length];
        switch (Key[0])
        {
            case 'P': slots[0] = 1; break;
            case 'N': slots[1] = 1; slots[2] = Hit ? 1 : 0; break;
            case 'Y': slots[3] = 1; slots[4] = Hit ? 1 : 0; slots[5] = 1; break;
            case 'O': slots[6] = 1; break;
            case 'D': slots[7] = 1; break;
            default: slots[3] = 1; break;
        }
        return slots;
    }

    /// <summary>An open finding of the rule, counted in the agency's <see cref="AllTime"/> cell.</summary>
    public const string OpenFindingPrefix = "F:";

    public static Contribution OpenFinding(FindingKey finding) => new(finding.Agency, AllTime, OpenFindingPrefix + finding.Rule, true, Count: true);

    public static bool IsActivityKey(string key) => key.Length > 2 && key[1] == ':' && key[0] is 'P' or 'N' or 'S' or 'Y' or 'O' or 'D';
    /// <summary>
    /// The month of paid marks since the reconciliation period start (for PAYMENT_ENABLED_NO_TRANSACTION)
    /// and of open findings: not a calendar month, so no KPI is assembled from it.
    /// </summary>
    public const string AllTime = "all";

    public bool IsActivity => IsActivityKey(Key);

    public override string ToString() => $"{Agency}\t{Month}\t{Key}\t{(Count ? 'c' : Hit ? '1' : '0')}";

    public static Contribution Parse(string line)
    {
        var p = line.Split('\t');
        return new Contribution(p[0], p[1], p[2], p[3] is "1" or "c", p[3] == "c");
    }
}
