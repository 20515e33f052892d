namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The answer key's snapshot KPIs (period <see cref="GroundTruth.Snapshot"/>): the catalogue, the
/// procedures' setup, LGSP applications and national data services as they are now. Plain code,
/// sharing nothing with the hub's engine.
/// </summary>
public sealed class SnapshotTruth(Province province, Monitoring monitoring, CatalogueChanges changes)
{
    public IReadOnlyList<KpiValue> Values(DateTimeOffset now)
    {
        var results = new List<KpiValue>();
        var today = VietnamTime.Date(now);
        var cells = new Dictionary<(string Scope, string Kpi), long[]>();
        void Add(string agency, string kpi, bool hit)
        {
            var level = "level:" + changes.LevelOf(province.FindAgency(agency)!);
            foreach (var scope in new[] { GroundTruth.ProvinceScope, level, agency })
            {
                if (!cells.TryGetValue((scope, kpi), out var cell)) cells[(scope, kpi)] = cell = new long[2];
                if (hit) cell[0]++;
                cell[1]++;
            }
        }
        foreach (var p in province.DossierProcedures)
        {
            if (p.PortalListed && p.PortalFullOnlineEligible && NationalCatalogue.Judged(p, now))
            {
                Add(province.ResolveOn(p.LeadAgencyOrigin, today).Code, Kpis.FullOnlineCoverage, changes.FullOnline(p));
            }
            if (CatalogueChanges.PartlyDue(p, now))
            {
                Add(province.ResolveOn(p.LeadAgencyOrigin, today).Code, Kpis.PartialOnlineCoverage, p.PartialOnline || changes.FullOnline(p));
            }
        }
        // Eligible procedures the province never configured are not offered: counted, never a hit.
        foreach (var p in province.UnconfiguredProcedures.Where(p => p.PortalFullOnlineEligible && NationalCatalogue.Judged(p, now)))
        {
            Add(province.ResolveOn(p.LeadAgencyOrigin, today).Code, Kpis.FullOnlineCoverage, false);
        }
        foreach (var p in province.Procedures)
        {
            var lead = province.ResolveOn(p.LeadAgencyOrigin, today).Code;
            if (p.Vertical)
            {
                Add(lead, Kpis.VerticalOneStopRate, p.OneStop);
                continue;
            }
            Add(lead, Kpis.WorkflowPublicationRate, p.WorkflowsPublished);
            Add(lead, Kpis.OneStopRate, p.OneStop);
        }
        // The plan's linked-procedure targets are counts for the province.
        foreach (var (kpi, count) in new[]
        {
            (Kpis.LinkedSameLevelProcedures, province.DossierProcedures.Count(p => p.LinkedSameLevel)),
            (Kpis.LinkedCrossLevelProcedures, province.DossierProcedures.Count(p => p.LinkedCrossLevel)),
        })
        {
            results.Add(new KpiValue(GroundTruth.ProvinceScope, GroundTruth.Snapshot, kpi, count, null, count));
        }
        foreach (var a in province.Applications)
        {
            if (a.SharesData) Add(a.AgencyCode, Kpis.LgspConnectionRate, a.Connected);
        }
        foreach (var s in province.DataServices)
        {
            // In use: official, and used in production over the trailing window (a successful request).
            if (s.National) Add(s.OwnerAgencyCode, Kpis.NationalServicesInUse, s.Status == "Official" && Successes(s, now) > 0);
        }
        foreach (var ((scope, kpi), cell) in cells)
        {
            results.Add(KpiTruth.Ratio(scope, GroundTruth.Snapshot, kpi, cell[0], cell[1]));
        }
        return results;
    }

    /// <summary>The successful requests to a service over the trailing window, all consumers.</summary>
    private long Successes(DataServiceInfo service, DateTimeOffset now)
    {
        long successes = 0;
        for (var c = 0; c < service.Consumers.Count; c++) successes += monitoring.Sum(service, c, now - GroundTruth.FailureWindow, now, now).Successes;
        return successes;
    }
}
