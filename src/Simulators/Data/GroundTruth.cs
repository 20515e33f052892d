namespace IntegrationHub.Simulators.Data;

/// <summary>One discrepancy the hub is expected to find.</summary>
public sealed record ManifestEntry(string Rule, string Agency, string Subject);

/// <summary>One expected KPI value; <c>Denominator</c> is null for counts.</summary>
public sealed record KpiValue(string Scope, string Period, string Kpi, long Numerator, long? Denominator, double? Value);

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

    public IReadOnlyList<KpiValue> ExpectedKpis(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var acc = new Dictionary<(string Scope, string Period, string Kpi), long[]>();
        var procedureSets = new Dictionary<(string Scope, string Period), (HashSet<string> Received, HashSet<string> Paid)>();

        void Add(string scopeAgency, Level level, string period, string kpi, bool hit, bool count = false)
        {
            foreach (var scope in new[] { ProvinceScope, "level:" + level, scopeAgency })
            {
                foreach (var p in PeriodsOf(period))
                {
                    if (!acc.TryGetValue((scope, p, kpi), out var cell)) acc[(scope, p, kpi)] = cell = new long[3];
                    if (hit) cell[0]++;
                    cell[1]++;
                    cell[2] = count ? 1 : 0;
                }
            }
        }

        (HashSet<string> Received, HashSet<string> Paid) Sets(string scope, string period)
        {
            if (!procedureSets.TryGetValue((scope, period), out var sets))
            {
                procedureSets[(scope, period)] = sets = (new HashSet<string>(), new HashSet<string>());
            }
            return sets;
        }

        var grace = Options.Grace;
        var count = generator.VisibleCount(now);
        for (long i = 0; i < count; i++)
        {
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var f = generator.Generate(i);
            var view = DossierViews.ProvinceView(f, now);
            var agency = f.Agency.Code;
            var level = changes.LevelOf(f.Agency);
            var receivedMonth = VietnamTime.Month(f.Received);

            if (now - f.Received > grace)
            {
                var onPortal = DossierViews.PortalViews(f, now).Any(v => v.Code == f.Code);
                Add(agency, level, receivedMonth, Kpis.PortalSyncRate, onPortal);
            }
            // On time as the plan counts it: every dossier received in the period, ended or still in
            // progress; late once it ends, or is still open, after its due time moved by its pauses.
            var ended = view.ResultIssuedAt ?? (view.Status is 3 or 7 or 8 ? view.WorkflowClosedAt ?? view.UpdatedAt : null);
            var overdue = (ended ?? now) > f.EffectiveDue;
            Add(agency, level, receivedMonth, Kpis.OnTimeRate, !overdue);
            if (overdue) Add(agency, level, receivedMonth, Kpis.LateApologyRate, view.ApologyLetterIssued);
            if (view.ResultIssuedAt is { } issued)
            {
                var month = VietnamTime.Month(issued);
                // The plan's online rate: dossiers of full-online services resolved in the period that
                // their applicants submitted online (staff submitting for them does not count).
                if (changes.FullOnlineIn(f.Procedure, month))
                {
                    Add(agency, level, month, Kpis.OnlineDossierRate, f.Channel == ChannelKind.Online && !f.SubmittedByStaff);
                }
                // The plan's digitisation targets are per the level whose competence the procedure is.
                Add(agency, f.Procedure.Level, month, Kpis.DigitisationRate, f.DigitisedInput && view.DigitisedResult);
                // Over the dossiers with a fee to pay ("hồ sơ có yêu cầu nghĩa vụ tài chính"): paid online
                // on the national platform, or through the province's gateway.
                if (f.Procedure.OnlinePayment && f.Fee > 0)
                {
                    var paidOnline = f.Transactions.Any(t => t.DossierCode == f.Code && t.Status == 0 && t.PaidAt <= now)
                        || (f.ViaProvincialGateway && f.PaidAt <= now);
                    Add(agency, level, month, Kpis.OnlinePaymentRate, paidOnline);
                }
            }
            if (view.WorkflowClosedAt is { } closed && view.Status is not (3 or 7 or 8)
                && (view.ResultIssuedAt is null || closed < view.ResultIssuedAt))
            {
                Add(agency, level, VietnamTime.Month(closed), Kpis.ClosedBeforeResult, true, count: true);
            }
            if (f.Procedure.OnlinePayment)
            {
                foreach (var scope in new[] { "level:" + level, agency })
                {
                    foreach (var period in PeriodsOf(receivedMonth)) Sets(scope, period).Received.Add(f.Procedure.Code);
                }
            }
            if (f.ViaProvincialGateway && f.PaidAt <= now)
            {
                var month = VietnamTime.Month(f.PaidAt);
                foreach (var scope in new[] { ProvinceScope, "level:" + level, agency })
                {
                    foreach (var period in PeriodsOf(month)) Sets(scope, period).Paid.Add(f.Procedure.Code);
                }
            }
            foreach (var t in f.Transactions)
            {
                if (t.Status != 0 || t.PaidAt > now) continue;
                var month = VietnamTime.Month(t.PaidAt);
                var txLevel = changes.LevelOf(Province.FindAgency(t.AgencyCode)!);
                foreach (var scope in new[] { ProvinceScope, "level:" + txLevel, t.AgencyCode })
                {
                    foreach (var period in PeriodsOf(month)) Sets(scope, period).Paid.Add(t.ProcedureCode);
                }
            }
        }

        // Citizens' feedback, by receipt month: settled once answered or past due; handled if on time and published.
        foreach (var f in generator.Feedback.Items.Where(f => f.VisibleAt(now)))
        {
            var late = f.LateAt(now);
            if (f.AnsweredBy(now) is null && !late) continue;
            var agency = Province.FindAgency(f.AgencyCode)!;
            Add(agency.Code, changes.LevelOf(agency), VietnamTime.Month(f.Received), Kpis.FeedbackHandledRate, !late && f.PublishedBy(now));
        }

        var results = new List<KpiValue>();
        foreach (var ((scope, period, kpi), cell) in acc)
        {
            results.Add(cell[2] == 1
                ? new KpiValue(scope, period, kpi, cell[0], null, cell[0])
                : Ratio(scope, period, kpi, cell[0], cell[1]));
        }

        var paymentEnabled = Province.DossierProcedures.Where(p => p.OnlinePayment).Select(p => p.Code).ToHashSet();
        foreach (var ((scope, period), sets) in procedureSets)
        {
            if (scope == ProvinceScope)
            {
                results.Add(Ratio(scope, period, Kpis.PaymentProceduresWithTransaction,
                    sets.Paid.Count(paymentEnabled.Contains), paymentEnabled.Count));
            }
            else if (sets.Received.Count > 0)
            {
                results.Add(Ratio(scope, period, Kpis.PaymentProceduresWithTransaction,
                    sets.Received.Count(sets.Paid.Contains), sets.Received.Count));
            }
        }

        results.AddRange(new SnapshotTruth(Province, monitoring, changes).Values(now));
        results.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Scope, b.Scope);
            if (c == 0) c = string.CompareOrdinal(a.Period, b.Period);
            return c != 0 ? c : string.CompareOrdinal(a.Kpi, b.Kpi);
        });
        return results;
    }

    /// <summary>The periods a month ("yyyy-MM") counts in: itself, its quarter ("yyyy-Qn") and its year.</summary>
    private static string[] PeriodsOf(string month) => [month, $"{month[..4]}-Q{(int.Parse(month[5..]) + 2) / 3}", month[..4]];

    internal static KpiValue Ratio(string scope, string period, string kpi, long numerator, long denominator) =>
        new(scope, period, kpi, numerator, denominator, denominator == 0 ? null : Math.Round((double)numerator / denominator, 6));
}
