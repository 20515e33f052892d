namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The answer key's KPIs (<see cref="GroundTruth.ExpectedKpis"/>): computed by plain code over the
/// served data, every dossier and feedback item counted in its agency, level and the province, in its
/// month, quarter and year; then the snapshot KPIs (<see cref="SnapshotTruth"/>). Deliberately shares
/// nothing with the hub's engine. Definitions: docs/reconciliation.md.
/// </summary>
public sealed class KpiTruth(DossierGenerator generator, Monitoring monitoring, CatalogueChanges changes)
{
    private const string ProvinceScope = GroundTruth.ProvinceScope;

    private Province Province => generator.Province;
    private SimulatorOptions Options => generator.Options;

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
