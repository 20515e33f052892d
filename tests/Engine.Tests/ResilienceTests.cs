using System.Text.Json;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Tests;

/// <summary>The engine against a misbehaving upstream: faults switched on in the simulators.</summary>
public sealed class ResilienceTests
{
    private static readonly string[] Small = ["--seed", "51", "--dossiers", "2500", "--procedures", "150", "--plant-rate", "0.05"];

    [Fact]
    public async Task AnUpstreamInOutageFailsItsOwnSourceOnly_AndTheNextSyncCatchesUp()
    {
        await using var hub = await HubHarness.StartAsync(Small);
        await hub.Sim.SetFaultsAsync(new { portal = new { outage = true } });

        var during = await hub.SyncAllAsync();
        var bySource = during.Syncs.ToDictionary(s => s.Source, s => s.Run!);
        Assert.Equal(Outcomes.Failed, bySource[Sources.Portal].Status);
        Assert.Contains(bySource[Sources.Portal].ErrorKind, new[] { "ServerError", "CircuitOpen" });
        Assert.Equal(Outcomes.Succeeded, bySource[Sources.Motcua].Status);
        Assert.Equal(Outcomes.Succeeded, bySource[Sources.Lgsp].Status);
        Assert.Equal(Outcomes.Succeeded, during.Reconcile!.Status);
        // No false alarms from the feed that is down; the province's own rules still report.
        var open = await hub.OpenFindingsAsync();
        Assert.DoesNotContain(open, f => f.Rule is Rules.DossierNotOnPortal or Rules.PaymentMissingTransaction or Rules.DossierStatusMismatch);
        Assert.Contains(open, f => f.Rule == Rules.ClosedBeforeResult);

        await hub.Sim.SetFaultsAsync(new { portal = new { } });
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the portal's circuit half-opens
        var after = await hub.SyncAllAsync();
        Assert.True(after.Succeeded, AgainstTheSimulatorsTests.Describe(after));
        await hub.AssertMatchesSimulatorAsync();
    }

    [Fact]
    public async Task ServerErrorsThrottlingDropsAndCutPagesAreRetried_AndTheDataComesOutExact()
    {
        await using var hub = await HubHarness.StartAsync(Small, new Dictionary<string, string?>
        {
            ["Resilience:RetryCount"] = "8",
            ["Resilience:BreakAfter"] = "50",
            ["Motcua:PageSize"] = "300",
            ["Portal:PageSize"] = "300",
        });
        await hub.Sim.SetFaultsAsync(new
        {
            motcua = new { errorRate = 0.15, throttleRate = 0.1, retryAfterSeconds = 0, malformedRate = 0.1 },
            portal = new { dropRate = 0.1, errorRate = 0.1, malformedRate = 0.1 },
            lgsp = new { errorRate = 0.2 },
        });

        var run = await hub.SyncAllAsync();

        Assert.True(run.Succeeded, AgainstTheSimulatorsTests.Describe(run));
        Assert.All(run.Syncs.Where(s => s.Source != Sources.Lgsp), s => Assert.Equal(Outcomes.Degraded, s.Run!.Status));
        Assert.True(run.Syncs.Sum(s => s.Run!.Retries) > 5);
        await hub.Sim.SetFaultsAsync(new { motcua = new { }, portal = new { }, lgsp = new { } });
        await hub.AssertMatchesSimulatorAsync();
    }

    [Fact]
    public async Task ExpiredPortalSessionsAndLgspTokensAreRenewedTransparently()
    {
        await using var hub = await HubHarness.StartAsync(Small);
        Assert.True((await hub.SyncAllAsync()).Succeeded);

        // Every live session and token ends; the hub's cached ones are now refused.
        await hub.Sim.SetFaultsAsync(new { expireSessions = true });
        await hub.AdvanceAsync(6);
        var run = await hub.SyncAllAsync();

        Assert.True(run.Succeeded, AgainstTheSimulatorsTests.Describe(run));
        Assert.All(run.Syncs, s => Assert.Null(s.Run!.Error));
        await hub.AssertMatchesSimulatorAsync();
    }

    [Fact]
    public async Task WrongCredentialsFailTheSourceWithAnAuthorisationError()
    {
        await using var hub = await HubHarness.StartAsync(Small, new Dictionary<string, string?>
        {
            ["Portal:Password"] = "wrong",
            ["Lgsp:ClientSecret"] = "wrong",
        });
        var run = await hub.SyncAllAsync();
        var bySource = run.Syncs.ToDictionary(s => s.Source, s => s.Run!);
        Assert.Equal(Outcomes.Failed, bySource[Sources.Portal].Status);
        Assert.Equal("Unauthorized", bySource[Sources.Portal].ErrorKind);
        Assert.Equal(Outcomes.Failed, bySource[Sources.Lgsp].Status);
        Assert.Equal("Unauthorized", bySource[Sources.Lgsp].ErrorKind);
        Assert.DoesNotContain("wrong", bySource[Sources.Portal].Error);
        Assert.Equal(Outcomes.Succeeded, bySource[Sources.Motcua].Status);
        using var streams = JsonDocument.Parse(bySource[Sources.Portal].Streams!);
        Assert.All(streams.RootElement.EnumerateArray(), s => Assert.Equal(Outcomes.Failed, s.GetProperty("outcome").GetString()));
    }
}
