using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using IntegrationHub.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

/// <summary>Local hosts as separate processes sharing one run queue: a host killed mid-run, the run finished by the other.</summary>
public sealed class QueueFailoverTests
{
    [Fact]
    public async Task AHostKilledMidRunLeavesTheRunToTheOtherHost_WhichFinishesItFromItsCheckpoints()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "84", "--dossiers", "4000", "--procedures", "200", "--plant-rate", "0.05"]);
        // Slow pages and small flushes: the run takes a while and moves its checkpoint many times.
        await hub.Sim.SetFaultsAsync(new { motcua = new { latencyMs = 300 } });
        var settings = HubHarness.BaseSettings(hub.Sim.BaseAddress, hub.Storage.Prefix);
        settings["Clock:Now"] = hub.Time.GetUtcNow().ToString("O");
        settings["LocalHost:Timers"] = "false";
        settings["LocalHost:Queues:MessageLease"] = "00:00:04";
        settings["Sync:LeaseDuration"] = "00:00:03";
        settings["Sync:StageFlushSize"] = "400";
        settings["Motcua:PageSize"] = "200";
        var requests = hub.Services.GetRequiredService<RunRequests>();
        var runs = hub.Services.GetRequiredService<RunStore>();
        var checkpoints = hub.Services.GetRequiredService<CheckpointStore>();

        using var first = await LocalHostProcess.StartAsync(settings);
        var accepted = await requests.RequestAsync(Sources.All, null, false, reconcileAfter: true, CancellationToken.None);
        var motcua = accepted.Runs.Single(r => r.Source == Sources.Motcua);

        // Killed once the run is under way: its checkpoint has moved, its pages are not all read.
        await WaitUntilAsync(async () => (await checkpoints.GetAsync("motcua-dossiers", CancellationToken.None)).Resume is not null, "the first host's checkpoint to move");
        using var second = await LocalHostProcess.StartAsync(settings);
        first.Kill();
        var killedAt = await checkpoints.GetAsync("motcua-dossiers", CancellationToken.None);
        Assert.Equal(Outcomes.Running, (await runs.GetAsync(motcua.Id, CancellationToken.None))!.Status);

        // The second host gets the message again once its invisibility lapses, takes the lapsed lease
        // (the same run re-takes its own) and goes on from the checkpoint; then it reconciles.
        await WaitUntilAsync(async () => (await runs.GetAsync(motcua.Id, CancellationToken.None))!.Status != Outcomes.Running, "the run to end on the second host", TimeSpan.FromMinutes(3));
        await WaitUntilAsync(async () => await hub.Services.GetRequiredService<RunSlotStore>().GetAsync(Sources.Motcua, CancellationToken.None) is null, "the request to end");
        var ended = await runs.LatestAsync(20, CancellationToken.None);
        Assert.All(accepted.Runs, r => Assert.Equal(Outcomes.Succeeded, ended.Single(e => e.Id == r.Id).Status));
        Assert.Contains(ended, r => r.Source == Sources.Reconcile && r.Status == Outcomes.Succeeded);
        Assert.NotNull(killedAt.Resume);
        await hub.Sim.SetFaultsAsync(new { motcua = new { } });
        await hub.AssertMatchesSimulatorAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Waited in vain for " + what);
            await Task.Delay(200);
        }
    }
}
