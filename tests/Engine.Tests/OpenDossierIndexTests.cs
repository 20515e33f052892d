using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Engine.Tests;

/// <summary>The open-dossier index the weekly due review reads, against the dossiers it indexes, after a full and an incremental run.</summary>
public sealed class OpenDossierIndexTests
{
    [Fact]
    public async Task TheIndexHoldsExactlyTheOpenDossiers_AfterTheFirstLoadAndAfterTwoDaysOfChanges()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "41", "--dossiers", "6000", "--procedures", "200", "--plant-rate", "0.05"]);
        var first = await hub.SyncAllAsync();
        Assert.True(first.Succeeded, AgainstTheSimulatorsTests.Describe(first));
        var before = await AssertIndexIsTheOpenDossiersAsync(hub);

        await hub.AdvanceAsync(48);
        var next = await hub.SyncAllAsync();
        Assert.True(next.Succeeded, AgainstTheSimulatorsTests.Describe(next));
        Assert.Contains("Incremental", next.Reconcile!.Streams);
        var after = await AssertIndexIsTheOpenDossiersAsync(hub);
        // Two days later some dossiers ended (left the index) and new ones arrived (joined it).
        Assert.NotEmpty(before.Keys.Except(after.Keys));
        Assert.NotEmpty(after.Keys.Except(before.Keys));

        // The review of the agency with the most open dossiers lists them as the index has them.
        var busiest = after.Values.GroupBy(d => d.Agency).OrderByDescending(g => g.Count()).First();
        var review = await hub.Services.GetRequiredService<DueQuery>().ReadAsync(busiest.Key, hub.Time.GetUtcNow(), 7, CancellationToken.None);
        Assert.Equal(busiest.Count(), review.Open);
        Assert.Equal(busiest.Where(d => d.OverdueAt(review.AsOf)).Select(d => d.Code).Order(), review.Overdue.Select(d => d.Code).Order());
        Assert.All(review.DueSoon, d => Assert.InRange(d.Due, review.AsOf, review.AsOf.AddDays(7)));
    }

    /// <summary>Every dossier the province has as open (no result, not rejected, withdrawn or stopped) is in the index, with its agency and handler, and nothing else is.</summary>
    private static async Task<Dictionary<string, OpenDossier>> AssertIndexIsTheOpenDossiersAsync(HubHarness hub)
    {
        var scan = hub.Services.GetRequiredService<DossierScan>();
        var expected = new Dictionary<string, (string Agency, string? Handler, bool Waiting)>();
        foreach (var partition in DossierRows.AllPartitions())
        {
            await foreach (var (code, p) in scan.ProvinceRecordsAsync(partition, CancellationToken.None))
            {
                if (p.Result is null && !p.EndedWithoutResult) expected[code] = (p.Agency, p.Handler, p.Pauses.Any(x => x.Ended is null));
            }
        }
        var store = hub.Services.GetRequiredService<OpenDossierStore>();
        var indexed = new Dictionary<string, OpenDossier>();
        foreach (var agency in expected.Values.Select(e => e.Agency).Distinct())
        {
            foreach (var d in await store.ReadAgencyAsync(agency, CancellationToken.None)) indexed[d.Code] = d;
        }
        Assert.True(expected.Count > 30, $"{expected.Count} open dossiers");
        Assert.Equal(expected.OrderBy(e => e.Key), indexed.Select(i => KeyValuePair.Create(i.Key, (i.Value.Agency, i.Value.Handler, i.Value.Waiting))).OrderBy(e => e.Key));
        return indexed;
    }
}
