namespace IntegrationHub.Engine.Reconciliation;

/// <summary>The catalogue and LGSP rules and the snapshot KPIs of docs/reconciliation.md; pure.</summary>
public static class CatalogueEvaluator
{
    /// <summary>Rules about the catalogue and LGSP rather than dossiers: evaluated whole every run, not per dossier.</summary>
    public static bool IsCatalogueRule(string rule) => rule is Rules.ServiceNotFullOnline or Rules.ServiceFullOnlineNotEligible or Rules.EligibleServiceNotConfigured or Rules.ServiceNotPartialOnline
        or Rules.PaymentEnabledNoTransaction or Rules.WorkflowNotPublished or Rules.NotAtOneStopDesk or Rules.AppNotConnectedToLgsp or Rules.NationalServiceNotInUse or Rules.DataServiceFailing;

    public static IReadOnlyList<FindingKey> Findings(CatalogueState state, double failureThreshold)
    {
        var findings = new List<FindingKey>();
        foreach (var p in state.Procedures.Where(p => !p.Vertical))
        {
            var listed = state.Portal.GetValueOrDefault(p.Code);
            if (state.DueFullOnline(listed) && !p.FullOnline) findings.Add(new(Rules.ServiceNotFullOnline, p.LeadAgency, p.Code));
            if (p.FullOnline && listed is not { FullOnlineEligible: true }) findings.Add(new(Rules.ServiceFullOnlineNotEligible, p.LeadAgency, p.Code));
            if (state.DuePartialOnline(listed) && p.PartialOnline == false && !p.FullOnline) findings.Add(new(Rules.ServiceNotPartialOnline, p.LeadAgency, p.Code));
            if (p.OnlinePayment && !state.ProceduresPaidInPeriod.Contains(p.Code)) findings.Add(new(Rules.PaymentEnabledNoTransaction, p.LeadAgency, p.Code));
            if (p.WorkflowsPublished == false) findings.Add(new(Rules.WorkflowNotPublished, p.LeadAgency, p.Code));
            if (p.OneStop == false) findings.Add(new(Rules.NotAtOneStopDesk, p.LeadAgency, p.Code));
        }
        foreach (var (listed, agency) in Unconfigured(state))
        {
            findings.Add(new(Rules.EligibleServiceNotConfigured, agency ?? KpiCells.Province, listed.Code));
        }
        foreach (var a in state.Applications.Where(a => a.SharesData && !a.Connected))
        {
            findings.Add(new(Rules.AppNotConnectedToLgsp, a.Agency, a.Id));
        }
        foreach (var s in state.Services)
        {
            if (s.National && !s.InUse) findings.Add(new(Rules.NationalServiceNotInUse, s.Owner, s.Code));
            if (s.Requests > 0 && (double)s.Failures / s.Requests > failureThreshold) findings.Add(new(Rules.DataServiceFailing, s.Owner, s.Code));
        }
        return findings;
    }

    public static IReadOnlyList<SnapshotCell> Snapshot(CatalogueState state, Func<string, string> levelOf)
    {
        var cells = new Dictionary<(string, string), long[]>();
        void Add(string? agency, string kpi, bool hit)
        {
            foreach (var scope in agency is null ? new[] { KpiCells.Province } : new[] { KpiCells.Province, KpiCells.LevelScope(levelOf(agency)), agency })
            {
                if (!cells.TryGetValue((scope, kpi), out var cell)) cells[(scope, kpi)] = cell = new long[2];
                if (hit) cell[0]++;
                cell[1]++;
            }
        }
        foreach (var p in state.Procedures)
        {
            if (p.Vertical)
            {
                if (p.OneStop is { } verticalOneStop) Add(p.LeadAgency, Kpis.VerticalOneStopRate, verticalOneStop);
                continue;
            }
            var listed = state.Portal.GetValueOrDefault(p.Code);
            if (state.DueFullOnline(listed)) Add(p.LeadAgency, Kpis.FullOnlineCoverage, p.FullOnline);
            if (state.DuePartialOnline(listed) && p.PartialOnline is { } partial) Add(p.LeadAgency, Kpis.PartialOnlineCoverage, partial || p.FullOnline);
            if (p.WorkflowsPublished is { } published) Add(p.LeadAgency, Kpis.WorkflowPublicationRate, published);
            if (p.OneStop is { } oneStop) Add(p.LeadAgency, Kpis.OneStopRate, oneStop);
        }
        foreach (var (_, agency) in Unconfigured(state)) Add(agency, Kpis.FullOnlineCoverage, false);
        foreach (var a in state.Applications.Where(a => a.SharesData)) Add(a.Agency, Kpis.LgspConnectionRate, a.Connected);
        foreach (var s in state.Services.Where(s => s.National)) Add(s.Owner, Kpis.NationalServicesInUse, s.InUse);
        var snapshot = cells.Select(c => new SnapshotCell(c.Key.Item1, c.Key.Item2, c.Value[0], c.Value[1])).ToList();
        // The plan's linked-procedure targets are counts for the province, of the procedures that report it.
        var own = state.Procedures.Where(p => !p.Vertical).ToList();
        if (own.Any(p => p.LinkedSameLevel is not null))
        {
            snapshot.Add(new SnapshotCell(KpiCells.Province, Kpis.LinkedSameLevelProcedures, own.Count(p => p.LinkedSameLevel == true), 0));
        }
        if (own.Any(p => p.LinkedCrossLevel is not null))
        {
            snapshot.Add(new SnapshotCell(KpiCells.Province, Kpis.LinkedCrossLevelProcedures, own.Count(p => p.LinkedCrossLevel == true), 0));
        }
        return snapshot;
    }

    /// <summary>
    /// The procedures the portal lists as eligible for full online, past their grace, that the
    /// province has not configured at all: not offered, so counted against full-online coverage. Each
    /// goes to the agency that leads most of the province's procedures of its field (null when the
    /// province has none of that field: the province as a whole).
    /// </summary>
    private static IEnumerable<(PortalProcedureFacts Listed, string? Agency)> Unconfigured(CatalogueState state)
    {
        var configured = state.Procedures.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var leadOfField = state.Procedures.Where(p => p.Field.Length > 0).GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(p => p.LeadAgency, StringComparer.Ordinal)
                .OrderByDescending(l => l.Count()).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key, StringComparer.Ordinal);
        return state.Portal.Values.Where(l => !configured.Contains(l.Code) && state.DueFullOnline(l))
            .OrderBy(l => l.Code, StringComparer.Ordinal)
            .Select(l => (l, leadOfField.GetValueOrDefault(l.Field)));
    }
}
