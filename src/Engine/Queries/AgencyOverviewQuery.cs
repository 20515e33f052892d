using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// Every agency's line for one period (<see cref="AgencyOverview"/>), read in four queries whatever
/// the number of agencies: applications, data services, open findings by agency, the period's KPI rows.
/// </summary>
public sealed class AgencyOverviewQuery(CatalogueStore catalogue, FindingStore findings, KpiStore kpis)
{
    public async Task<IReadOnlyList<AgencyOverview>> ReadAsync(IEnumerable<AgencyEntry> agencies, string period, CancellationToken cancellationToken)
    {
        var applications = (await catalogue.ReadApplicationsAsync(cancellationToken)).ToLookup(a => a.Agency, StringComparer.Ordinal);
        var failing = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in await catalogue.ReadServicesAsync(cancellationToken))
        {
            if (s.Requests > 0 && (double)s.Failures / s.Requests > AgencyStatusQuery.FailingShare) failing[s.Owner] = failing.GetValueOrDefault(s.Owner) + 1;
        }
        var open = await findings.OpenByAgencyAsync(cancellationToken);
        var rows = (await kpis.ReadPeriodAsync(period, cancellationToken)).ToLookup(k => k.Scope, StringComparer.Ordinal);

        return agencies.OrderBy(a => a.Code, StringComparer.Ordinal).Select(a =>
        {
            var mine = rows[a.Code].ToList();
            var judged = mine.Where(k => !k.Kpi.StartsWith(KpiPublisher.ScorePrefix, StringComparison.Ordinal) && k.Met is not null).ToList();
            return new AgencyOverview(a.Code, a.Name, a.Level, a.Parent, applications[a.Code].Count(), applications[a.Code].Count(x => x.Connected),
                failing.GetValueOrDefault(a.Code), open.GetValueOrDefault(a.Code), judged.Count, judged.Count(k => k.Met == true),
                mine.FirstOrDefault(k => k.Kpi == KpiPublisher.ScoreTotal)?.Value);
        }).ToList();
    }
}
