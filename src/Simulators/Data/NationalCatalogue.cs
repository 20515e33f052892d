namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The national catalogue beyond the province's own configuration: procedures the ministries listed
/// as eligible that the province never configured, and a recent listing still inside the one month
/// the plan gives the province to offer it fully online ("sau 01 tháng kể từ ngày bộ, ngành trung
/// ương công bố"). Plain code, sharing nothing with the hub's engine.
/// </summary>
public static class NationalCatalogue
{
    /// <summary>Judged once a month has passed since its national publication, by Vietnam calendar day.</summary>
    public static bool Judged(ProcedureInfo procedure, DateTimeOffset now) =>
        VietnamTime.Date(now) >= VietnamTime.Date(procedure.PublishedAt).AddMonths(1);

    /// <summary>How long before the initial clock the recent listings were published: inside the grace at first.</summary>
    public static readonly TimeSpan RecentListing = TimeSpan.FromDays(10);

    /// <summary>
    /// One eligible procedure the province offers fully online made a recent listing it has not
    /// offered fully online yet: no finding and not counted until its grace ends.
    /// </summary>
    public static void PlantRecentListing(List<ProcedureInfo> procedures, DateTimeOffset initialNow)
    {
        var index = procedures.FindIndex(p => p is { Vertical: false, Plant: null, PortalListed: true, PortalFullOnlineEligible: true, FullOnline: true });
        if (index >= 0) procedures[index] = procedures[index] with { FullOnline = false, PublishedAt = initialNow - RecentListing };
    }

    /// <summary>With any planting, at least one procedure listed as eligible partly online that the province does not offer online.</summary>
    public static void EnsurePartialPlant(List<ProcedureInfo> procedures)
    {
        bool Candidate(ProcedureInfo p) => p is { Vertical: false, PortalListed: true, PortalFullOnlineEligible: false, PortalPartialEligible: true, FullOnline: false };
        if (procedures.Any(p => Candidate(p) && !p.PartialOnline)) return;
        var index = procedures.FindIndex(p => Candidate(p) && p.Plant is null);
        if (index >= 0) procedures[index] = procedures[index] with { PartialOnline = false };
    }

    /// <summary>
    /// Procedures the portal lists that the province never configured, each in the field of one of the
    /// province's own procedures (so with a lead department): every third not eligible for full
    /// online (not counted), the first a recent listing inside its grace, the rest long published.
    /// </summary>
    public static IReadOnlyList<ProcedureInfo> Unconfigured(IReadOnlyList<ProcedureInfo> own, long seed, SimulatorOptions options)
    {
        if (options.PlantRate <= 0 || own.Count == 0) return [];
        var count = Math.Max(3, options.Procedures / 100);
        var list = new List<ProcedureInfo>(count);
        for (var k = 0; k < count; k++)
        {
            var r = new Rng(seed, Streams.NationalCatalogue, k);
            var template = own[r.Next(own.Count)];
            var published = k == 0 ? options.InitialNow - RecentListing : options.DataStart.AddDays(-r.Next(30, 900));
            list.Add(new ProcedureInfo(-1 - k, $"{1 + (int)template.Level % 3}.{900_000 + k:D6}", $"Thủ tục chưa cấu hình số {k + 1}",
                template.Field, template.Level, template.LeadAgencyOrigin, PortalListed: true, PortalFullOnlineEligible: k % 3 != 2,
                PortalPaymentEligible: false, FullOnline: false, OnlinePayment: false, Vertical: false, Fee: 0, template.ProcessingDays,
                published, published, Plant: null));
        }
        return list;
    }
}
