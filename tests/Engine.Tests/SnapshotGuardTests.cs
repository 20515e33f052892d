using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Engine.Tests;

public sealed class SnapshotGuardTests
{
    private static readonly string[] Small = ["--seed", "53", "--dossiers", "1500", "--procedures", "120", "--plant-rate", "0.05"];

    [Theory]
    [InlineData(100, 20, false)]
    [InlineData(100, 21, true)]
    [InlineData(100, 100, true)]
    [InlineData(0, 0, false)]
    [InlineData(3, 1, true)]
    public void AListLackingMoreThanTheShareShrinks(int stored, int missing, bool shrinks) =>
        Assert.Equal(shrinks, SnapshotShrinkException.Shrinks(stored, missing, 0.2));

    [Fact]
    public async Task AnEmptyOrCutShortLgspListIsNotApplied_TheRunSaysWhy_AndAnAdminCanAcceptIt()
    {
        await using var hub = await HubHarness.StartAsync(Small);
        Assert.True((await hub.SyncAllAsync()).Succeeded);
        var catalogue = hub.Services.GetRequiredService<CatalogueStore>();
        var applications = (await catalogue.ReadAsync(CatalogueStore.Applications, default)).Count;
        var services = (await catalogue.ReadAsync(CatalogueStore.Services, default)).Count;
        Assert.True(applications > 4 && services > 4, $"{applications} applications, {services} services");

        // LGSP answers 200 with empty lists: nothing is deleted, no finding is resolved, the run says why.
        await hub.Sim.SetFaultsAsync(new { lgsp = new { listShare = 0.0 } });
        var refused = await hub.Runner.SyncAsync([Sources.Lgsp], null, null, default);
        var run = Assert.Single(refused.Syncs).Run!;
        Assert.Equal(Outcomes.Degraded, run.Status);
        Assert.Equal(nameof(ErrorKind.Shrink), run.ErrorKind);
        Assert.Contains($"lacks {applications} of the {applications} stored rows", run.Error);
        Assert.Equal(applications, (await catalogue.ReadAsync(CatalogueStore.Applications, default)).Count);
        Assert.Equal(services, (await catalogue.ReadAsync(CatalogueStore.Services, default)).Count);
        await hub.AssertMatchesSimulatorAsync();

        // A list cut to its first half is refused too; the monitoring stream still ran.
        await hub.Sim.SetFaultsAsync(new { lgsp = new { listShare = 0.5 } });
        run = Assert.Single((await hub.Runner.SyncAsync([Sources.Lgsp], null, null, default)).Syncs).Run!;
        Assert.Equal(nameof(ErrorKind.Shrink), run.ErrorKind);
        Assert.Contains("lgsp-monitoring", run.Streams);
        Assert.Equal(applications, (await catalogue.ReadAsync(CatalogueStore.Applications, default)).Count);

        // An admin who checked with LGSP accepts the shrink: applied.
        run = Assert.Single((await hub.Runner.SyncAsync([Sources.Lgsp], null, null, default, acceptShrink: true)).Syncs).Run!;
        Assert.Equal(Outcomes.Succeeded, run.Status);
        Assert.Equal(applications / 2, (await catalogue.ReadAsync(CatalogueStore.Applications, default)).Count);

        // The whole list again: restored, and the hub agrees with the answer key.
        await hub.Sim.SetFaultsAsync(new { lgsp = new { } });
        Assert.True((await hub.SyncAllAsync()).Succeeded);
        Assert.Equal(applications, (await catalogue.ReadAsync(CatalogueStore.Applications, default)).Count);
        await hub.AssertMatchesSimulatorAsync();
    }
}
