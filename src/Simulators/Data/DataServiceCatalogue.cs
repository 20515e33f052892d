namespace IntegrationHub.Simulators.Data;

/// <summary>
/// LGSP's data-service catalogue, built once from the seed: the national (NDXP) services and forty
/// provincial ones, each with its owner, status and consumers, and the discrepancy planted on it
/// (not in use; failing), each kind at least once when anything is planted.
/// </summary>
internal static class DataServiceCatalogue
{
    public static List<DataServiceInfo> Build(SimulatorOptions options, IReadOnlyList<string> nationalServices, IReadOnlyList<string> fieldNames,
        IReadOnlyList<AgencyInfo> currentDepartments, IReadOnlyList<AgencyInfo> current)
    {
        var seed = options.Seed;
        var services = new List<DataServiceInfo>();
        var consumersPool = current.Where(a => a.Level != Level.Province).ToList();
        for (var s = 0; s < nationalServices.Count + 40; s++)
        {
            var r = new Rng(seed, Streams.DataService, s);
            var national = s < nationalServices.Count;
            var status = national ? "Official" : r.NextDouble() switch { < 0.8 => "Official", < 0.95 => "Trial", _ => "Retired" };
            string? plant = null;
            if (r.Chance(options.PlantRate))
            {
                if (national && r.Chance(0.5))
                {
                    // Not in production use: still on trial, retired, or official but idle (no traffic).
                    plant = Rules.NationalServiceNotInUse;
                    status = r.NextDouble() switch { < 0.4 => "Trial", < 0.6 => "Retired", _ => "Official" };
                }
                else if (status != "Retired")
                {
                    plant = Rules.DataServiceFailing;
                }
            }
            var owner = currentDepartments[r.Next(currentDepartments.Count)].Code;
            var consumerCount = r.Next(1, 6);
            var consumers = new List<string>(consumerCount);
            while (consumers.Count < consumerCount)
            {
                var c = consumersPool[r.Next(consumersPool.Count)].Code;
                if (!consumers.Contains(c)) consumers.Add(c);
            }
            var name = national ? nationalServices[s] : $"Dịch vụ dữ liệu {fieldNames[s % fieldNames.Count].ToLowerInvariant()} ({s - nationalServices.Count + 1})";
            services.Add(new DataServiceInfo(s, national ? $"NDXP.{s + 1:D3}" : $"LGSP.{s - nationalServices.Count + 1:D3}",
                name, national, status, owner, consumers, plant));
        }
        if (options.PlantRate > 0)
        {
            // Small catalogues: with any planting at all, each kind shows up at least once.
            if (!services.Any(x => x.Plant == Rules.NationalServiceNotInUse)
                && services.FindIndex(x => x.National && x.Plant is null) is var national and >= 0)
            {
                services[national] = services[national] with { Plant = Rules.NationalServiceNotInUse, Status = "Trial" };
            }
            if (!services.Any(x => x.Plant == Rules.DataServiceFailing)
                && services.FindIndex(x => x.Plant is null && x.Status != "Retired") is var healthy and >= 0)
            {
                services[healthy] = services[healthy] with { Plant = Rules.DataServiceFailing };
            }
        }
        return services;
    }
}
