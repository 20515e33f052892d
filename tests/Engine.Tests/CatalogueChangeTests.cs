using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Engine.Tests;

public sealed class CatalogueChangeTests
{
    [Fact]
    public async Task AProcedureMadeFullOnlineIsRepublishedFromTheCounters_FromThisMonthOn_NoDossierIsReEvaluated_AndTheAnswerKeyStillHolds()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "23", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.05"]);
        // Into the month: the simulators start on its first day, and this month needs dossiers.
        await hub.AdvanceAsync(24 * 20);
        var first = await hub.SyncAllAsync();
        Assert.True(first.Succeeded, AgainstTheSimulatorsTests.Describe(first));

        // A procedure the province does not offer fully online ...
        var catalogue = await hub.Services.GetRequiredService<CatalogueStore>().LoadAsync(new HashSet<string>(), CancellationToken.None);
        var notFullOnline = catalogue.State.Procedures.Where(p => !p.FullOnline && !p.Vertical).Select(p => p.Code).ToHashSet();
        // ... and of which it received dossiers both this month and in an earlier one.
        var counters = await hub.Services.GetRequiredService<CounterStore>().ReadAllAsync(CancellationToken.None);
        var thisMonth = VietnamTime.Month(hub.Time.GetUtcNow());
        HashSet<string> ReceivedIn(Func<string, bool> month) => counters.Cells.Where(c => month(c.Key.Month))
            .SelectMany(c => c.Value.Activity).Where(a => a.Value[1] > 0 && notFullOnline.Contains(a.Key)).Select(a => a.Key).ToHashSet();
        var earlier = ReceivedIn(m => m != Contribution.AllTime && string.CompareOrdinal(m, thisMonth) < 0);
        var code = ReceivedIn(m => m == thisMonth).FirstOrDefault(earlier.Contains);
        Assert.NotNull(code);
        var earlierMonth = counters.Cells.Where(c => c.Key.Month != Contribution.AllTime && string.CompareOrdinal(c.Key.Month, thisMonth) < 0
            && c.Value.Activity.TryGetValue(code, out var slots) && slots[1] > 0).Select(c => c.Key.Month).Max()!;
        var before = (Now: await ProvinceOnlineRateAsync(hub, thisMonth), Earlier: await ProvinceOnlineRateAsync(hub, earlierMonth));

        using (var changed = await hub.Sim.Http.PostAsJsonAsync($"_sim/procedures/{code}", new { fullOnline = true }))
        {
            changed.EnsureSuccessStatusCode();
        }
        var after = await hub.Runner.SyncAsync([Sources.Motcua], null, null, CancellationToken.None);

        Assert.True(after.Succeeded, AgainstTheSimulatorsTests.Describe(after));
        using var streams = JsonDocument.Parse(after.Reconcile!.Streams!);
        Assert.Equal("Republish", streams.RootElement[0].GetProperty("mode").GetString());
        // Only the dossiers the case system's overlap window re-read were evaluated, not the province's.
        var reRead = after.Syncs.Single().Run!.Records;
        Assert.InRange(after.Reconcile.Records, 0, reRead);
        // Effective-dated: this month counts the procedure as full-online now, earlier months as it was then.
        Assert.NotEqual(before.Now, await ProvinceOnlineRateAsync(hub, thisMonth));
        Assert.Equal(before.Earlier, await ProvinceOnlineRateAsync(hub, earlierMonth));
        await hub.AssertMatchesSimulatorAsync();
    }

    [Fact]
    public async Task AnAgencyMovedToAnotherLevelIsRepublishedFromTheCounters_NoDossierIsReEvaluated_AndTheAnswerKeyStillHolds()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "29", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.05"]);
        var first = await hub.SyncAllAsync();
        Assert.True(first.Succeeded, AgainstTheSimulatorsTests.Describe(first));

        // A commune with results counted in 2025, moved to the district level.
        var (_, levels) = await hub.Services.GetRequiredService<CatalogueStore>().LoadAsync(new HashSet<string>(), CancellationToken.None);
        var counters = await hub.Services.GetRequiredService<CounterStore>().ReadAllAsync(CancellationToken.None);
        var agency = counters.Cells.Where(c => c.Key.Month.StartsWith("2025-", StringComparison.Ordinal) && c.Value.Kpis.ContainsKey(Kpis.OnTimeRate)
            && levels.GetValueOrDefault(c.Key.Agency) == "Commune").Select(c => c.Key.Agency).First();
        var before = (District: await KpiAsync(hub, "level:District", "2025", Kpis.OnTimeRate), Commune: await KpiAsync(hub, "level:Commune", "2025", Kpis.OnTimeRate),
            Province: await KpiAsync(hub, KpiCells.Province, "2025", Kpis.OnTimeRate));

        using (var changed = await hub.Sim.Http.PostAsJsonAsync($"_sim/agencies/{agency}", new { level = "District" }))
        {
            changed.EnsureSuccessStatusCode();
        }
        var after = await hub.Runner.SyncAsync([Sources.Motcua], null, null, CancellationToken.None);

        Assert.True(after.Succeeded, AgainstTheSimulatorsTests.Describe(after));
        using var streams = JsonDocument.Parse(after.Reconcile!.Streams!);
        Assert.Equal("Republish", streams.RootElement[0].GetProperty("mode").GetString());
        Assert.InRange(after.Reconcile.Records, 0, after.Syncs.Single().Run!.Records);
        // The agency's counts left the communes for the districts; the province's did not move.
        Assert.NotEqual(before.District, await KpiAsync(hub, "level:District", "2025", Kpis.OnTimeRate));
        Assert.NotEqual(before.Commune, await KpiAsync(hub, "level:Commune", "2025", Kpis.OnTimeRate));
        Assert.Equal(before.Province, await KpiAsync(hub, KpiCells.Province, "2025", Kpis.OnTimeRate));
        await hub.AssertMatchesSimulatorAsync();
    }

    [Fact]
    public async Task TheSimulatorsRefuseAnAgencyChangeTheyCannotMake()
    {
        await using var sim = await SimulatorServer.StartAsync(["--seed", "29", "--dossiers", "1200"]);
        using var unknown = await sim.Http.PostAsJsonAsync("_sim/agencies/NO.SUCH", new { level = "District" });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        using var list = new HttpRequestMessage(HttpMethod.Get, "motcua/api/v1/agencies?limit=1");
        list.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
        using var listed = await sim.Http.SendAsync(list);
        using var page = JsonDocument.Parse(await listed.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        var code = page.RootElement.GetProperty("items")[0].GetProperty("code").GetString();
        foreach (var body in new object[] { new { level = "Ward" }, new { level = "2" }, new { } })
        {
            using var refused = await sim.Http.PostAsJsonAsync($"_sim/agencies/{code}", body);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<string> KpiAsync(HubHarness hub, string scope, string period, string kpi)
    {
        var row = await hub.Storage.Table(HubStorage.KpiTableName(scope)).GetEntityIfExistsAsync<TableEntity>(scope, KpiPublisher.RowKeyOf(period, kpi));
        return row.HasValue ? $"{row.Value!.GetInt64("Numerator")}/{row.Value.GetInt64("Denominator")}" : "none";
    }

    private static async Task<string> ProvinceOnlineRateAsync(HubHarness hub, string period)
    {
        var row = await hub.Storage.Table(HubStorage.KpiTableName(KpiCells.Province)).GetEntityIfExistsAsync<TableEntity>(KpiCells.Province, KpiPublisher.RowKeyOf(period, Kpis.OnlineDossierRate));
        return row.HasValue ? $"{row.Value!.GetInt64("Numerator")}/{row.Value.GetInt64("Denominator")}" : "none";
    }
}
