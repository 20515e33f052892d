using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// The procedures an agency receives (or had activity in during the period): the catalogue's flags,
/// the portal's full-online eligibility, and the period's dossiers, online share, resolved and
/// paid-online share from the agency's counters.
/// </summary>
public sealed class AgencyServicesQuery(CatalogueStore catalogue, CounterStore counters)
{
    public async Task<AgencyServices> ReadAsync(string agencyCode, string period, CancellationToken cancellationToken)
    {
        // The agency's activity in the period: its months' counters, summed per procedure.
        var activity = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var ((_, month), months) in (await counters.ReadAgencyAsync(agencyCode, cancellationToken)).Cells)
        {
            if (month == Contribution.AllTime || !month.StartsWith(period, StringComparison.Ordinal)) continue;
            foreach (var (code, slots) in months.Activity)
            {
                if (!activity.TryGetValue(code, out var sum)) activity[code] = sum = new long[slots.Length];
                for (var i = 0; i < slots.Length; i++) sum[i] += slots[i];
            }
        }
        var procedures = new List<ProcedureService>();
        foreach (var p in await catalogue.ReadProceduresAsync(cancellationToken))
        {
            var receives = p.Agencies.Contains(agencyCode) || p.Lead == agencyCode;
            activity.TryGetValue(p.Code, out var a);
            if (!receives && a is null) continue;
            var row = a is null ? null : ProcedureActivity.FromSlots(p.Code, a);
            procedures.Add(new ProcedureService(p.Code, p.Name, p.EligibleFullOnline, p.FullOnline, p.OnlinePayment, p.Vertical,
                row?.Dossiers ?? 0, Share(row?.Online ?? 0, row?.Dossiers ?? 0), row?.Resolved ?? 0, Share(row?.PaidOnline ?? 0, row?.Payable ?? 0)));
        }
        return new AgencyServices(agencyCode, period, procedures);
    }

    private static double? Share(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
