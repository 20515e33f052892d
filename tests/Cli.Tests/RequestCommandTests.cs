using IntegrationHub.Engine.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Cli.Tests;

public sealed class RequestCommandTests
{
    [Fact]
    public async Task HubRequestQueuesTheRunsForAWorker_FollowsThemToTheirEnd_AndASourceItHoldsIsBusyForOthers()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "74", "--dossiers", "1500", "--procedures", "120", "--plant-rate", "0.05"]);
        var environment = HubProcess.Environment(hub.Sim.BaseAddress, hub.Storage.Prefix, hub.Time.GetUtcNow());
        var worker = hub.Services.GetRequiredService<RunWorker>();

        // Queued, with no worker yet: a second request of a source is refused.
        var queued = await HubProcess.RunAsync(environment, "request", "lgsp", "--no-reconcile", "--no-wait");
        Assert.True(queued.Exit == 0, queued.Output + queued.Errors);
        Assert.Matches(@"(?m)^lgsp +queued +run [0-9]{19}-[0-9a-f]{8}", queued.Errors);
        var busy = await HubProcess.RunAsync(environment, "request", "all");
        Assert.Equal(3, busy.Exit);
        Assert.Contains("busy: run ", busy.Output);
        // The CLI's direct sync leaves a source to the queued request that holds it.
        var direct = await HubProcess.RunAsync(environment, "sync", "lgsp", "--no-reconcile", "--wait", "0");
        Assert.Equal(3, direct.Exit);
        Assert.Contains("still holds the source (requested through the run queue)", direct.Errors);

        // A worker (here, this test process) executes what is queued; the CLI follows the runs to their end.
        using var stop = new CancellationTokenSource();
        var pump = new QueuePump(hub.Storage.RunQueue, hub.Storage.RunPoisonQueue, worker.ExecuteAsync, new QueuePumpOptions(), NullLogger.Instance);
        var pumping = pump.RunAsync(stop.Token);
        try
        {
            await WaitForIdleAsync(hub);
            var all = await HubProcess.RunAsync(environment, "request", "all");
            Assert.True(all.Exit == 0, all.Output + all.Errors);
            foreach (var source in new[] { "motcua", "portal", "lgsp", "reconcile" })
            {
                Assert.Matches($@"(?m)^{source} +Succeeded .* on [^:]+:{Environment.ProcessId}$", all.Output);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pumping;
        }
        await hub.AssertMatchesSimulatorAsync();
    }

    private static async Task WaitForIdleAsync(HubHarness hub)
    {
        var slots = hub.Services.GetRequiredService<Engine.Storage.RunSlotStore>();
        for (var i = 0; i < 200 && await slots.GetAsync("lgsp", CancellationToken.None) is not null; i++) await Task.Delay(100);
    }
}
