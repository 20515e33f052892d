namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The province's software applications as the LGSP knows them: one for a commune, two or three for
/// any other agency that exists today; 60 % share data, and a data-sharing one is planted as not
/// connected at the plant rate (at least one when any plant is asked for). Each application's draws
/// come from its own seeded stream.
/// </summary>
internal static class ApplicationCatalogue
{
    public static List<ApplicationInfo> Build(SimulatorOptions options, IReadOnlyList<AgencyInfo> current)
    {
        var seed = options.Seed;
        var applications = new List<ApplicationInfo>();
        var appOrdinal = 0;
        foreach (var agency in current)
        {
            var r = new Rng(seed, Streams.Application, appOrdinal);
            var count = agency.Level == Level.Commune ? 1 : r.Next(2, 4);
            for (var k = 0; k < count; k++, appOrdinal++)
            {
                var ar = new Rng(seed, Streams.Application, 10_000 + appOrdinal);
                var shares = ar.Chance(0.6);
                var connected = shares || ar.Chance(0.3);
                string? plant = null;
                if (shares && ar.Chance(options.PlantRate))
                {
                    plant = Rules.AppNotConnectedToLgsp;
                    connected = false;
                }
                TimeSpan? lastSeen = connected ? ar.Between(TimeSpan.FromMinutes(1), TimeSpan.FromHours(20)) : null;
                applications.Add(new ApplicationInfo($"APP-{appOrdinal + 1:D4}", $"Phần mềm {(shares ? "chia sẻ dữ liệu" : "nội bộ")} {appOrdinal + 1} của {agency.Name}",
                    agency.Code, shares, connected, lastSeen, plant));
            }
        }
        if (options.PlantRate > 0 && !applications.Any(a => a.Plant is not null)
            && applications.FindIndex(a => a.SharesData) is var firstSharing and >= 0)
        {
            applications[firstSharing] = applications[firstSharing] with { Plant = Rules.AppNotConnectedToLgsp, Connected = false, LastSeenAgo = null };
        }
        return applications;
    }
}
