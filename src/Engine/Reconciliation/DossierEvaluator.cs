using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The dossier rules and KPI definitions of docs/reconciliation.md, as one pure function of a
/// dossier's joined state and the clock.
/// </summary>
public static class DossierEvaluator
{
    /// <summary>
    /// Bumped whenever what an evaluation produces, or the counters it is summed into, change shape:
    /// stored evaluations of another version cannot be subtracted from the counters, so the next
    /// reconciliation is full. Bumped too when stored rows change how they say they need evaluating.
    /// 3: counters stored by agency and month (the Counters table). 4: a sync marks the row it merges
    /// into (<see cref="Storage.DossierRows.ChangedColumn"/>) instead of writing a marker row. 5:
    /// PAYMENT_AMOUNT_MISMATCH per dossier, on the sum of its successful transactions; the next check
    /// read from E_Next (the full run deletes the due marker rows of earlier versions). 6: the next
    /// check stored as text (E_Due); each open finding counted as a contribution
    /// (<see cref="Contribution.OpenFinding"/>). 7: on time as the plan counts it (every dossier by
    /// receipt month, pending ones late once past their due time, pauses stopping the clock);
    /// DUE_DATE_MISMATCH; records with pauses (<see cref="RecordText"/> version 2). 8: online payment
    /// over dossiers with a fee to pay (the "Y:" activity mark and column), provincial-gateway payments.
    /// 9: online dossiers as resolved ones submitted online by their applicants ("O:"), not by staff.
    /// 10: digitisation by the procedure's level of competence ("D:"). 11: open dossiers kept in the
    /// OpenDossiers table for the weekly due review (a full pass fills it). 12: KPI rows in tables
    /// sharded by scope (<see cref="Storage.HubStorage.KpiTableName"/>; a full pass fills them and
    /// deletes the single Kpis table of earlier versions); the OpenDossiers row's fingerprint in the
    /// dossier row (<see cref="Storage.DossierRows.OpenColumn"/>).
    /// </summary>
    public const int Version = 12;

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
        // True once a feed has been read at least up to the instant (no grace): what it said by then is known.
        bool SeenPast(DateTimeOffset anchor, DateTimeOffset? seenUntil)
        {
            if (seenUntil is { } seen && seen >= anchor) return true;
            Recheck(now.AddSeconds(1));
            return false;
        }
        void Recheck(DateTimeOffset at)
        {
            if (next is null || at < next) next = at;
        }
        // True once a deadline has passed and the feed has been read past it; before it, looked at again just after it.
        bool Passed(DateTimeOffset deadline, DateTimeOffset? seenUntil)
        {
            if (now > deadline) return SeenPast(deadline, seenUntil);
            Recheck(deadline.AddSeconds(1));
            return false;
        }
        // A payment of the procedure: in its month, and since the period start (PAYMENT_ENABLED_NO_TRANSACTION).
        void Paid(string unit, string procedure, DateTimeOffset at)
        {
            contributions.Add(new(unit, Month(at), Contribution.PaidPrefix + procedure, true));
            if (at >= context.PeriodStart) contributions.Add(new(unit, Contribution.AllTime, Contribution.PaidPrefix + procedure, true));
        }

        var p = d.Province;
        var q = d.Portal;
        OpenDossier? open = null;
        var successful = d.Payments.Where(t => t.Succeeded).ToList();

        if (p is not null)
        {
            var agency = p.Agency;
            var receivedMonth = Month(p.Received);
            var agedOnPortal = Aged(p.Received, feeds.Portal);

            if (q is null && agedOnPortal) findings.Add(new(Rules.DossierNotOnPortal, agency, d.Code));
            // The portal's copy may show a change the province made after the province feed was last
            // read: judged only once that feed has been read past the copy's update.
            if (q is not null && q.Status != p.Status && Aged(p.Updated, feeds.Portal) && SeenPast(q.Updated, feeds.Province))
            {
                findings.Add(new(Rules.DossierStatusMismatch, agency, d.Code));
            }
            var closedEarly = p.Closed is { } closed && !p.EndedWithoutResult && (p.Result is null || closed < p.Result);
            if (closedEarly) findings.Add(new(Rules.ClosedBeforeResult, agency, d.Code));
            // Late as the plan counts it (DossierProgress). An open dossier past its due time is late
            // once the province feed has been read past that time; one not yet due is looked at again then.
            var progress = DossierProgress.Of(p, context.Calendar, now);
            var late = progress.Late;
            if (progress.Running && late) late = SeenPast(progress.Due, feeds.Province);
            else if (progress.Running) Recheck(progress.Due.AddSeconds(1));
            if (late && !p.Apology) findings.Add(new(Rules.LateWithoutApology, agency, d.Code));
            if (ApologyDateMissed(p)) findings.Add(new(Rules.ApologyDateMissed, agency, d.Code));
            if (progress.Ended is null)
            {
                open = new OpenDossier(d.Code, agency, p.Procedure, p.Received, progress.Due, progress.Waiting, progress.Waiting && progress.Late, p.Handler, p.HandlerName);
            }
            if (p.Channel == Channels.Online && p.ByStaff) findings.Add(new(Rules.OnlineSubmittedByStaff, agency, d.Code));
            if (DueDateWrong(p, context)) findings.Add(new(Rules.DueDateMismatch, agency, d.Code));
            // The national platform's transactions are on the portal; a payment through the province's own gateway is not.
            var viaGateway = p is { PayMethod: "Online", ViaProvincialGateway: true, PaidAt: not null };
            if (p.PayMethod == "Online" && !p.ViaProvincialGateway && successful.Count == 0 && Aged(p.Received, feeds.Payments))
            {
                findings.Add(new(Rules.PaymentMissingTransaction, agency, d.Code));
            }

            // Online means submitted online by the applicant: the plan forbids staff submitting on their behalf.
            var online = p.Channel == Channels.Online && !p.ByStaff;
            contributions.Add(new(agency, receivedMonth, Contribution.DossierPrefix + p.Procedure, online));
            if (p.Result is { } resolved)
            {
                contributions.Add(p.Payable
                    ? new(agency, Month(resolved), Contribution.PayablePrefix + p.Procedure, successful.Count > 0 || viaGateway)
                    : new(agency, Month(resolved), Contribution.ResolvedPrefix + p.Procedure, false));
                if (online) contributions.Add(new(agency, Month(resolved), Contribution.ResolvedOnlinePrefix + p.Procedure, true));
            }
            if (viaGateway)
            {
                Paid(agency, p.Procedure, p.PaidAt!.Value);
            }
            if (agedOnPortal) contributions.Add(new(agency, receivedMonth, Kpis.PortalSyncRate, q is not null));
            contributions.Add(new(agency, receivedMonth, Kpis.OnTimeRate, !late));
            if (late) contributions.Add(new(agency, receivedMonth, Kpis.LateApologyRate, p.Apology));
            // Digitisation is judged by the level whose competence the procedure is: assembled from the activity.
            if (p.Result is { } result && p.DigitisedInput && p.DigitisedResult) contributions.Add(new(agency, Month(result), Contribution.DigitisedPrefix + p.Procedure, true));
            if (closedEarly) contributions.Add(new(agency, Month(p.Closed!.Value), Kpis.ClosedBeforeResult, true, Count: true));
            if (p.Rating is { } rating && p.Returned is { } returned) contributions.Add(new(agency, Month(returned), Kpis.SatisfactionRate, rating >= 4));
        }
        else if (q is not null && Aged(q.Received, feeds.Province))
        {
            findings.Add(new(Rules.DossierUnknownToProvince, q.Agency, d.Code));
        }

        if (d.Feedback is { } feedback) EvaluateFeedback(d.Code, feedback);

        foreach (var t in successful)
        {
            Paid(t.Unit, t.Procedure, t.PaidAt);
            if (!Aged(t.PaidAt, feeds.Province)) continue;
            if (p is null) findings.Add(new(Rules.PaymentUnknownDossier, t.Unit, t.Id));
            else if (p.PayMethod != "Online") findings.Add(new(Rules.PaymentNotRecorded, t.Unit, t.Id));
        }
        // A fee may be paid in several transactions (a fee and a charge, instalments): their sum is
        // compared with it, once the last of them is aged.
        if (p is { PayMethod: "Online" } && successful.Count > 0 && Aged(successful.Max(t => t.PaidAt), feeds.Province)
            && successful.Sum(t => t.Amount) != p.Fee)
        {
            findings.Add(new(Rules.PaymentAmountMismatch, p.Agency, d.Code));
        }
        foreach (var f in findings) contributions.Add(Contribution.OpenFinding(f));
        return new Evaluation(findings, contributions, next) { Open = open };

        // The new date an apology promised: missed once the result came after it, or it passed with the
        // dossier still open (judged once the province feed was read past it; looked at again then).
        bool ApologyDateMissed(ProvinceRecord p)
        {
            if (!p.Apology || p.ApologyDue is not { } promised || p.EndedWithoutResult) return false;
            return p.Result is { } result ? result > promised : Passed(promised, feeds.Province);
        }

        // Citizens' feedback (docs/reconciliation.md, "Feedback"): settled once answered or past its
        // due time (judged once the portal feed was read past it); handled if answered by then and
        // published. By receipt month, for the agency that must answer it.
        void EvaluateFeedback(string code, FeedbackRecord f)
        {
            var late = f.Answered is { } answered ? answered > f.Due : Passed(f.Due, feeds.Portal);
            var unpublished = f.Answered is { } at && !f.Published && Aged(at, feeds.Portal);
            if (late || unpublished) findings.Add(new(Rules.FeedbackNotHandled, f.Agency, code));
            if (f.Answered is not null || late) contributions.Add(new(f.Agency, Month(f.Received), Kpis.FeedbackHandledRate, !late && f.Published));
        }
    }

    /// <summary>
    /// DUE_DATE_MISMATCH: the due day differs from the procedure's processing days counted in working
    /// days after the day of receipt. Judged only for a procedure the catalogue lists, in years whose
    /// days off the calendar knows.
    /// </summary>
    private static bool DueDateWrong(ProvinceRecord p, EvaluationContext context)
    {
        if (!context.ProcessingDays.TryGetValue(p.Procedure, out var days)) return false;
        var calendar = context.Calendar;
        var expected = DueDates.Expected(p.Received, days, calendar);
        if (!calendar.Years.Contains(VietnamTime.Date(p.Received).Year) || !calendar.Years.Contains(expected.Year)) return false;
        return VietnamTime.Date(p.Due) != expected;
    }

    /// <summary>The Vietnam calendar month, "yyyy-MM".</summary>
    public static string Month(DateTimeOffset instant) => VietnamTime.Month(instant);
}
