namespace IntegrationHub.Simulators.Data;

/// <summary>What each system shows of a dossier at a simulated instant, derived from its facts (<see cref="DossierGenerator"/>).</summary>
public static class DossierViews
{
    /// <summary>The case system's record of a dossier at t: its status, pauses, result, payment and update time as of then.</summary>
    public static ProvinceDossierView ProvinceView(DossierFacts f, DateTimeOffset t)
    {
        var updated = f.Received;
        void Seen(DateTimeOffset at)
        {
            if (at <= t && at > updated) updated = at;
        }

        var (_, status) = f.StatusAt(t);
        DateTimeOffset? synced = null;
        foreach (var (at, _) in f.Transitions())
        {
            Seen(at);
            var pushed = at + f.PortalLag;
            if (pushed <= t)
            {
                synced = pushed;
                Seen(pushed);
            }
        }
        Seen(f.Closed);
        var paid = f.PaidAt <= t;
        if (f.ProvinceMethod != PayMethod.None) Seen(f.PaidAt);
        var apology = f.ApologyIssued && f.EffectiveDue <= t;
        if (f.ApologyIssued) Seen(f.EffectiveDue);
        var pauses = f.Pauses.Where(p => p.Started <= t).Select(p => p.Ended <= t ? p : p with { Ended = DateTimeOffset.MaxValue }).ToList();
        int? rating = null;
        if (f.RatedAt is { } ratedAt && ratedAt <= t)
        {
            rating = f.Rating;
            Seen(ratedAt);
        }
        var resultIssued = f.ResultIssued is { } issued && issued <= t ? issued : (DateTimeOffset?)null;
        return new ProvinceDossierView(
            f, status, pauses, resultIssued,
            f.Returned is { } returned && returned <= t ? returned : null,
            f.Closed <= t ? f.Closed : null,
            paid ? f.ProvinceMethod : PayMethod.None,
            paid ? f.PaymentReference : null,
            resultIssued is not null && f.DigitisedResult,
            apology, synced, rating, updated);
    }

    /// <summary>The portal's records for a dossier at t: the synchronised copy and any portal-only twin.</summary>
    public static IEnumerable<PortalDossierView> PortalViews(DossierFacts f, DateTimeOffset t)
    {
        var seenAt = t - f.PortalLag;
        if (seenAt < f.Received) yield break;
        var (changedAt, status) = f.StatusAt(seenAt);
        DateTimeOffset? returned = f.Returned is { } r && r <= seenAt ? r : null;
        if (f.OnPortal)
        {
            yield return f.PortalStatusFrozen
                ? new PortalDossierView(f.Code, f, f.Outcome == Outcome.Rejected ? 2 : 4, null, f.Received + f.PortalLag)
                : new PortalDossierView(f.Code, f, status, returned, changedAt + f.PortalLag);
        }
        if (f.GhostCode is not null)
        {
            yield return new PortalDossierView(f.GhostCode, f, status, returned, changedAt + f.PortalLag);
        }
    }
}
