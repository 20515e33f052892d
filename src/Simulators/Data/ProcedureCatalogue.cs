namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The province's procedure catalogue, built once from the seed: each procedure's field, level of
/// competence, eligibility on the portal, the province's flags and fee, with the catalogue
/// discrepancy planted on it; then how it is set up (workflows, one-stop desks, linked procedures).
/// </summary>
internal static class ProcedureCatalogue
{
    /// <summary>The procedures; <paramref name="fieldOrigin"/>: each field's department before the March 2025 merger.</summary>
    public static List<ProcedureInfo> Build(SimulatorOptions options, IReadOnlyList<string> fieldNames, IReadOnlyList<string> fieldOrigin)
    {
        var seed = options.Seed;
        var procedures = new List<ProcedureInfo>(options.Procedures);
        for (var p = 0; p < options.Procedures; p++)
        {
            var r = new Rng(seed, Streams.Procedure, p);
            var fieldIndex = r.Next(fieldNames.Count);
            var levelRoll = r.NextDouble();
            var level = levelRoll < 0.6 ? Level.Province : levelRoll < 0.8 ? Level.District : Level.Commune;
            var vertical = r.Chance(0.04);
            var eligibleFullOnline = r.Chance(0.45);
            var hasFee = r.Chance(0.45);
            long fee = hasFee ? 10_000L * r.Next(1, 51) : 0;
            var eligiblePayment = hasFee && r.Chance(0.7);
            var onlinePayment = eligiblePayment && !vertical && r.Chance(0.9);
            var fullOnline = eligibleFullOnline;
            var listed = true;
            string? plant = null;
            if (!vertical && r.Chance(options.PlantRate))
            {
                var kinds = new List<string>(3);
                if (eligibleFullOnline) kinds.Add(Rules.ServiceNotFullOnline);
                else kinds.Add(Rules.ServiceFullOnlineNotEligible);
                if (onlinePayment) kinds.Add(Rules.PaymentEnabledNoTransaction);
                plant = kinds[r.Next(kinds.Count)];
                if (plant == Rules.ServiceNotFullOnline) fullOnline = false;
                if (plant == Rules.ServiceFullOnlineNotEligible)
                {
                    fullOnline = true;
                    listed = r.Chance(0.5);
                }
            }
            var code = $"{1 + (int)level % 3}.{p + 1000:D6}";
            var published = options.DataStart.AddDays(-r.Next(30, 900));
            procedures.Add(new ProcedureInfo(p, code, $"Thủ tục {fieldNames[fieldIndex].ToLowerInvariant()} số {p + 1}",
                $"G{fieldIndex + 1:D2}-LV{(int)level + 1:D2}", level, fieldOrigin[fieldIndex], listed, eligibleFullOnline,
                eligiblePayment, fullOnline, onlinePayment, vertical, fee, r.Next(1, 21), published,
                published.AddDays(r.Next(1, 30)), plant));
        }
        if (options.PlantRate > 0)
        {
            EnsureEveryCatalogueKind(procedures);
            NationalCatalogue.PlantRecentListing(procedures, options.InitialNow);
        }
        for (var p = 0; p < procedures.Count; p++) procedures[p] = WithSetup(procedures[p], seed, options.PlantRate);
        if (options.PlantRate > 0) NationalCatalogue.EnsurePartialPlant(procedures);
        return procedures;
    }

    /// <summary>
    /// How the province has set a procedure up, from a stream of its own: at the plant rate each, a
    /// procedure lacks a published workflow, or one of the province's own is not received at the
    /// one-stop desks (findings); 15 % of vertical-sector ones are not (below the plan's 90 %, no
    /// finding); a fifth are linked between agencies of a level, an eighth between levels.
    /// </summary>
    private static ProcedureInfo WithSetup(ProcedureInfo p, long seed, double plantRate)
    {
        var r = new Rng(seed, Streams.ProcedureSetup, p.Ordinal);
        return p with
        {
            WorkflowsPublished = !r.Chance(plantRate),
            OneStop = !r.Chance(p.Vertical ? 0.15 : plantRate),
            LinkedSameLevel = !p.Vertical && r.Chance(0.2),
            LinkedCrossLevel = !p.Vertical && r.Chance(0.125),
            // Not eligible fully online: mostly listed as eligible partly online, and offered so unless planted otherwise.
            PortalPartialEligible = !p.PortalFullOnlineEligible && r.Chance(0.8),
            PartialOnline = !r.Chance(plantRate),
        };
    }

    /// <summary>With any planting at all, each catalogue kind shows up at least once, however small the catalogue.</summary>
    private static void EnsureEveryCatalogueKind(List<ProcedureInfo> procedures)
    {
        void Ensure(string rule, Func<ProcedureInfo, bool> candidate, Func<ProcedureInfo, ProcedureInfo> plant)
        {
            if (procedures.Any(p => p.Plant == rule)) return;
            var index = procedures.FindIndex(p => p.Plant is null && !p.Vertical && candidate(p));
            if (index >= 0) procedures[index] = plant(procedures[index]) with { Plant = rule };
        }
        Ensure(Rules.ServiceNotFullOnline, p => p.PortalFullOnlineEligible, p => p with { FullOnline = false });
        Ensure(Rules.ServiceFullOnlineNotEligible, p => !p.PortalFullOnlineEligible, p => p with { FullOnline = true });
        Ensure(Rules.PaymentEnabledNoTransaction, p => p.OnlinePayment, p => p);
    }

}
