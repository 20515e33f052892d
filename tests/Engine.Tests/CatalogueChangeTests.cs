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

    private static async Task<string> ProvinceOnlineRateAsync(HubHarness hub, string period)
    {
        var row = await hub.Storage.Table(HubStorage.Kpis).GetEntityIfExistsAsync<TableEntity>(KpiCells.Province, KpiPublisher.RowKeyOf(period, Kpis.OnlineDossierRate));
        return row.HasValue ? $"{row.Value!.GetInt64("Numerator")}/{row.Value.GetInt64("Denominator")}" : "none";
    }
}
