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
    public async Task AProcedureMadeFullOnlineIsRepublishedFromTheCounters_NoDossierIsReEvaluated_AndTheAnswerKeyStillHolds()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "23", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.05"]);
        var first = await hub.SyncAllAsync();
        Assert.True(first.Succeeded, AgainstTheSimulatorsTests.Describe(first));

        // A procedure the province received dossiers of in 2025 and does not offer fully online.
        var catalogue = await hub.Services.GetRequiredService<CatalogueStore>().LoadAsync(new HashSet<string>(), CancellationToken.None);
        var notFullOnline = catalogue.State.Procedures.Where(p => !p.FullOnline && !p.Vertical).Select(p => p.Code).ToHashSet();
        var partition = "province|2025";
        string? code = null;
        await foreach (var row in hub.Storage.ShardOf(HubStorage.ProcedureActivity, partition).QueryAsync<TableEntity>(r => r.PartitionKey == partition))
        {
            if ((row.GetInt64("Dossiers") ?? 0) > 0 && notFullOnline.Contains(row.RowKey)) code = row.RowKey;
        }
        Assert.NotNull(code);
        var before = await ProvinceOnlineRateAsync(hub);

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
        Assert.NotEqual(before, await ProvinceOnlineRateAsync(hub));
        await hub.AssertMatchesSimulatorAsync();
    }

    private static async Task<string> ProvinceOnlineRateAsync(HubHarness hub)
    {
        var row = await hub.Storage.Table(HubStorage.Kpis).GetEntityAsync<TableEntity>(KpiCells.Province, KpiPublisher.RowKeyOf("2025", Kpis.OnlineDossierRate));
        return $"{row.Value.GetInt64("Numerator")}/{row.Value.GetInt64("Denominator")}";
    }
}
