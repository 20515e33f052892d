using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>A finding's identity: (rule, agency, subject).</summary>
public readonly record struct FindingKey(string Rule, string Agency, string Subject)
{
    public override string ToString() => $"{Rule}\t{Agency}\t{Subject}";
}

/// <summary>
/// One dossier's share in the KPIs: for <see cref="Agency"/> in <see cref="Month"/>, either a KPI
/// observation (Key = KPI name, Hit = counted in the numerator; counts have Count = true) or a
/// procedure-activity mark (Key = "P:code" paid, "N:code" received, "S:code" resolved). A dossier's
/// contributions do not depend on the catalogue: the KPIs that count only some procedures (full
/// online, payment enabled, not vertical) are assembled from the per-procedure activity when they
/// are published (<see cref="ActivityKpis"/>), so a change of a procedure's flags re-reads no dossier.
/// </summary>
public readonly record struct Contribution(string Agency, string Month, string Key, bool Hit, bool Count = false)
{
    public const string PaidPrefix = "P:";
    /// <summary>A dossier of the procedure received (Hit: online), for the per-procedure service view.</summary>
    public const string DossierPrefix = "N:";
    /// <summary>A dossier of the procedure resolved (Hit: paid online), for the per-procedure service view.</summary>
    public const string ResolvedPrefix = "S:";

    /// <summary>Columns of a procedure-activity row, in slot order.</summary>
    public static readonly string[] ActivityColumns = ["Paid", "Dossiers", "Online", "Resolved", "PaidOnline"];

    /// <summary>What an activity mark adds to each column of its procedure's row.</summary>
    public long[] ActivitySlots()
    {
        var slots = new long[ActivityColumns.Length];
        switch (Key[0])
        {
            case 'P': slots[0] = 1; break;
            case 'N': slots[1] = 1; slots[2] = Hit ? 1 : 0; break;
            default: slots[3] = 1; slots[4] = Hit ? 1 : 0; break;
        }
        return slots;
    }

    public static bool IsActivityKey(string key) => key.Length > 2 && key[1] == ':' && key[0] is 'P' or 'N' or 'S';
    /// <summary>Paid marks since the reconciliation period start, for PAYMENT_ENABLED_NO_TRANSACTION.</summary>
    public const string AllTime = "all";

    public bool IsActivity => IsActivityKey(Key);

    public override string ToString() => $"{Agency}\t{Month}\t{Key}\t{(Count ? 'c' : Hit ? '1' : '0')}";

    public static Contribution Parse(string line)
    {
        var p = line.Split('\t');
        return new Contribution(p[0], p[1], p[2], p[3] is "1" or "c", p[3] == "c");
    }
}


/// <summary>
/// How far each feed is known complete: its watermark. A cross-system rule only judges what the
/// other system has had time to show and the hub has read, so a feed that is down or behind
/// produces no false findings. Null: never synced.
/// </summary>
public sealed record SeenUntil(DateTimeOffset? Province, DateTimeOffset? Portal, DateTimeOffset? Payments);

/// <summary>The fixed inputs of one reconciliation: the clock, the rules' settings and the feeds' watermarks.</summary>
public sealed record EvaluationContext(DateTimeOffset Now, TimeSpan Grace, DateTimeOffset PeriodStart, SeenUntil? Seen = null)
{
    public SeenUntil Feeds => Seen ?? new SeenUntil(Now, Now, Now);
}

/// <summary>A dossier's findings, KPI contributions, and when it must be looked at again even if nothing changes.</summary>
public sealed record Evaluation(IReadOnlyList<FindingKey> Findings, IReadOnlyList<Contribution> Contributions, DateTimeOffset? NextCheck)
{
    public string FindingsText => Join(Findings.Select(f => f.ToString()));
    public string ContributionsText => Join(Contributions.Select(c => c.ToString()));

    public static IReadOnlyList<FindingKey> ParseFindings(string? text) =>
        Split(text).Select(l => l.Split('\t')).Select(p => new FindingKey(p[0], p[1], p[2])).ToList();

    public static IReadOnlyList<Contribution> ParseContributions(string? text) => Split(text).Select(Contribution.Parse).ToList();

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines.Order(StringComparer.Ordinal));

    private static IEnumerable<string> Split(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split('\n');
}

/// <summary>
/// The dossier rules and KPI definitions of docs/reconciliation.md, as one pure function of a
/// dossier's joined state and the clock.
/// </summary>
public static class DossierEvaluator
{
    /// <summary>
    /// Bumped whenever what an evaluation produces, or the counters it is summed into, change shape:
    /// stored evaluations of another version cannot be subtracted from the counters, so the next
    /// reconciliation is full. 3: counters stored by agency and month (the Counters table).
    /// </summary>
    public const int Version = 3;

    public static Evaluation Evaluate(DossierState d, EvaluationContext context)
    {
        var now = context.Now;
        var grace = context.Grace;
        var feeds = context.Feeds;
        var findings = new List<FindingKey>();
        var contributions = new List<Contribution>();
        DateTimeOffset? next = null;
        // True once the other feed, read up to its watermark, has had the grace period to show the item.
        // Otherwise the dossier is looked at again when the grace ends, or at the next run if the feed lags.
        bool Aged(DateTimeOffset anchor, DateTimeOffset? seenUntil)
        {
            if (seenUntil is { } seen && seen - anchor > grace) return true;
            var due = (anchor + grace > now ? anchor + grace : now).AddSeconds(1);
            if (next is null || due < next) next = due;
            return false;
        }

        var p = d.Province;
        var q = d.Portal;
        var successful = d.Payments.Where(t => t.Succeeded).ToList();

        if (p is not null)
        {
            var agency = p.Agency;
            var receivedMonth = Month(p.Received);
            var agedOnPortal = Aged(p.Received, feeds.Portal);

            if (q is null && agedOnPortal) findings.Add(new(Rules.DossierNotOnPortal, agency, d.Code));
            if (q is not null && q.Status != p.Status && Aged(p.Updated, feeds.Portal)) findings.Add(new(Rules.DossierStatusMismatch, agency, d.Code));
            var closedEarly = p.Closed is { } closed && p.Status is not (3 or 7 or 8) && (p.Result is null || closed < p.Result);
            if (closedEarly) findings.Add(new(Rules.ClosedBeforeResult, agency, d.Code));
            var late = p.Result is { } issued && issued > p.Due;
            if (late && !p.Apology) findings.Add(new(Rules.LateWithoutApology, agency, d.Code));
            if (p.Channel == 2 && p.ByStaff) findings.Add(new(Rules.OnlineSubmittedByStaff, agency, d.Code));
            if (p.PayMethod == "Online" && successful.Count == 0 && Aged(p.Received, feeds.Payments)) findings.Add(new(Rules.PaymentMissingTransaction, agency, d.Code));

            contributions.Add(new(agency, receivedMonth, Contribution.DossierPrefix + p.Procedure, p.Channel == 2));
            if (p.Result is { } resolved) contributions.Add(new(agency, Month(resolved), Contribution.ResolvedPrefix + p.Procedure, successful.Count > 0));
            if (agedOnPortal) contributions.Add(new(agency, receivedMonth, Kpis.PortalSyncRate, q is not null));
            if (p.Result is { } result)
            {
                var month = Month(result);
                contributions.Add(new(agency, month, Kpis.OnTimeRate, !late));
                if (late) contributions.Add(new(agency, month, Kpis.LateApologyRate, p.Apology));
                contributions.Add(new(agency, month, Kpis.DigitisationRate, p.DigitisedInput && p.DigitisedResult));
            }
            if (closedEarly) contributions.Add(new(agency, Month(p.Closed!.Value), Kpis.ClosedBeforeResult, true, Count: true));
            if (p.Rating is { } rating && p.Returned is { } returned) contributions.Add(new(agency, Month(returned), Kpis.SatisfactionRate, rating >= 4));
        }
        else if (q is not null && Aged(q.Received, feeds.Province))
        {
            findings.Add(new(Rules.DossierUnknownToProvince, q.Agency, d.Code));
        }

        foreach (var t in successful)
        {
            contributions.Add(new(t.Unit, Month(t.PaidAt), Contribution.PaidPrefix + t.Procedure, true));
            if (t.PaidAt >= context.PeriodStart) contributions.Add(new(t.Unit, Contribution.AllTime, Contribution.PaidPrefix + t.Procedure, true));
            if (!Aged(t.PaidAt, feeds.Province)) continue;
            if (p is null) findings.Add(new(Rules.PaymentUnknownDossier, t.Unit, t.Id));
            else if (p.PayMethod != "Online") findings.Add(new(Rules.PaymentNotRecorded, t.Unit, t.Id));
            else if (t.Amount != p.Fee) findings.Add(new(Rules.PaymentAmountMismatch, t.Unit, t.Id));
        }
        return new Evaluation(findings, contributions, next);
    }

    /// <summary>The Vietnam calendar month, "yyyy-MM".</summary>
    public static string Month(DateTimeOffset instant) => VietnamTime.Month(instant);
}

/// <summary>The names of the scopes KPIs are published for besides agencies: the province and each level (<see cref="KpiAssembler"/>).</summary>
public static class KpiCells
{
    public const string Province = "province";

    public static string LevelScope(string level) => "level:" + level;
}
