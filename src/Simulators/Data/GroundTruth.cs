namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The independent answer key: the planted discrepancies that are visible at the current simulated
/// instant, and the KPIs computed by plain code over the served data. Deliberately shares nothing
/// with the hub's engine. Definitions: docs/reconciliation.md.
/// </summary>
public sealed class GroundTruth(DossierGenerator generator, Monitoring monitoring, CatalogueChanges changes)
{
    public const string ProvinceScope = "province";
    public const string Snapshot = "current";

    /// <summary>The window over which a data service's failure share is judged, ending at the simulated now.</summary>
    public static readonly TimeSpan FailureWindow = TimeSpan.FromHours(24);

    /// <summary>A service is failing when more than this share of its requests in the window failed.</summary>
    public const double FailureThreshold = 0.1;

    private Province Province => generator.Province;
    private SimulatorOptions Options => generator.Options;

    public IEnumerable<ManifestEntry> Manifest(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var today = VietnamTime.Date(now);
        foreach (var p in Province.Procedures)
        {
            var lead = Province.ResolveOn(p.LeadAgencyOrigin, today).Code;
            foreach (var rule in changes.FullOnlineFindings(p, now)) yield return new(rule, lead, p.Code);
            if (p.Plant is Rules.PaymentEnabledNoTransaction) yield return new(p.Plant, lead, p.Code);
        }
        foreach (var p in Province.UnconfiguredProcedures.Where(p => p.PortalFullOnlineEligible && NationalCatalogue.Judged(p, now)))
        {
            yield return new(Rules.EligibleServiceNotConfigured, Province.ResolveOn(p.LeadAgencyOrigin, today).Code, p.Code);
        }
        foreach (var p in Province.DossierProcedures)
        {
            var lead = Province.ResolveOn(p.LeadAgencyOrigin, today).Code;
            if (!p.WorkflowsPublished) yield return new(Rules.WorkflowNotPublished, lead, p.Code);
            if (!p.OneStop) yield return new(Rules.NotAtOneStopDesk, lead, p.Code);
        }
        foreach (var a in Province.Applications)
        {
            if (a.Plant is not null) yield return new(a.Plant, a.AgencyCode, a.Id);
        }
        foreach (var s in Province.DataServices)
        {
            if (s.Plant == Rules.NationalServiceNotInUse) yield return new(s.Plant, s.OwnerAgencyCode, s.Code);
            if (s.Plant == Rules.DataServiceFailing && FailureShare(s, now) > FailureThreshold)
            {
                yield return new(s.Plant, s.OwnerAgencyCode, s.Code);
            }
        }

        foreach (var f in generator.Feedback.Items.Where(f => f.VisibleAt(now) && CitizenFeedback.NotHandled(f, now, Options.Grace)))
        {
            yield return new(Rules.FeedbackNotHandled, f.AgencyCode, f.Code);
        }

        var grace = Options.Grace;
        var count = generator.VisibleCount(now);
        for (long i = 0; i < count; i++)
        {
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var f = generator.Generate(i);
            if (f.Plant is null) continue;
            var agency = f.Agency.Code;
            switch (f.Plant)
            {
                case Rules.DossierNotOnPortal or Rules.PaymentMissingTransaction when now - f.Received > grace:
                    yield return new(f.Plant, agency, f.Code);
                    break;
                case Rules.DossierUnknownToProvince when now - f.Received > grace:
                    yield return new(f.Plant, agency, f.GhostCode!);
                    break;
                case Rules.DossierStatusMismatch:
                    var province = DossierViews.ProvinceView(f, now);
                    var portal = DossierViews.PortalViews(f, now).FirstOrDefault();
                    if (portal is not null && portal.Status != province.Status && now - province.UpdatedAt > grace)
                    {
                        yield return new(f.Plant, agency, f.Code);
                    }
                    break;
                case Rules.ClosedBeforeResult when f.Closed <= now:
                // Late from the moment it passes its due time, resolved or not: the apology was owed by then.
                case Rules.LateWithoutApology when f.EffectiveDue < now:
                // The new date the apology promised has passed, with or without the result.
                case Rules.ApologyDateMissed when f.ApologyPromised < now:
                case Rules.OnlineSubmittedByStaff or Rules.DueDateMismatch:
                    yield return new(f.Plant, agency, f.Code);
                    break;
                case Rules.PaymentAmountMismatch:
                    // The dossier's successful transactions together do not make its fee: judged once the last is aged.
                    var last = f.Transactions.Where(t => t.Status == 0).MaxBy(t => t.PaidAt)!;
                    if (now - last.PaidAt > grace) yield return new(f.Plant, agency, f.Code);
                    break;
                case Rules.PaymentNotRecorded or Rules.PaymentUnknownDossier:
                    var tx = f.Plant == Rules.PaymentUnknownDossier
                        ? f.Transactions[^1]
                        : f.Transactions.First(t => t.Status == 0);
                    if (now - tx.PaidAt > grace) yield return new(f.Plant, tx.AgencyCode, tx.Id);
                    break;
            }
        }
    }

    /// <summary>The failure share of a service over the trailing window, or 0 without traffic.</summary>
    public double FailureShare(DataServiceInfo service, DateTimeOffset now)
    {
        long requests = 0, failures = 0;
        for (var c = 0; c < service.Consumers.Count; c++)
        {
            var totals = monitoring.Sum(service, c, now - FailureWindow, now, now);
            requests += totals.Requests;
            failures += totals.Failures;
        }
        return requests == 0 ? 0 : (double)failures / requests;
    }

    /// <summary>The KPIs the hub is expected to publish at <paramref name="now"/> (<see cref="KpiTruth"/>).</summary>
    public IReadOnlyList<KpiValue> ExpectedKpis(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        new KpiTruth(generator, monitoring, changes).ExpectedKpis(now, cancellationToken);
}
