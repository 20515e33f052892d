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
        var settings = HostSettings(hub, new()
        {
            ["LocalHost:Queues:MessageLease"] = "00:00:04", ["Sync:LeaseDuration"] = "00:00:03", ["Sync:StageFlushSize"] = "400", ["Motcua:PageSize"] = "200",
        });
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

        // The second host gets the messages again once their invisibility lapses, takes the lapsed lease
        // (the same run re-takes its own) and goes on from the checkpoint; the last item queues the reconciliation.
        await WaitUntilAsync(async () => (await runs.GetAsync(motcua.Id, CancellationToken.None))!.Status != Outcomes.Running, "the run to end on the second host", TimeSpan.FromMinutes(3));
        await WaitUntilAsync(async () => (await runs.LatestAsync(10, CancellationToken.None)).Any(r => r.Source == Sources.Reconcile && Outcomes.IsEnded(r.Status)),
            "the reconciliation after the last item");
        var ended = await runs.LatestAsync(20, CancellationToken.None);
        Assert.All(accepted.Runs, r => Assert.Equal(Outcomes.Succeeded, ended.Single(e => e.Id == r.Id).Status));
        Assert.Contains(ended, r => r.Source == Sources.Reconcile && r.Status == Outcomes.Succeeded);
        Assert.NotNull(killedAt.Resume);
        Assert.Equal(second.Id, int.Parse(ended.Single(r => r.Id == motcua.Id).Worker!.Split(':')[1]));
        await hub.Sim.SetFaultsAsync(new { motcua = new { } });
        await hub.AssertMatchesSimulatorAsync();
    }

    [Fact]
    public async Task TwoHostsShareOneRequest_AndTheLastItemQueuesTheReconciliation()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "85", "--dossiers", "6000", "--procedures", "200", "--plant-rate", "0.05"]);
        // Each item takes a few seconds, so the second host is polling while the first is busy.
        await hub.Sim.SetFaultsAsync(new { motcua = new { latencyMs = 250 }, portal = new { latencyMs = 250 } });
        var settings = HostSettings(hub, new() { ["Motcua:PageSize"] = "500", ["Portal:PageSize"] = "500" });
        var runs = hub.Services.GetRequiredService<RunStore>();
        using var first = await LocalHostProcess.StartAsync(settings);
        using var second = await LocalHostProcess.StartAsync(settings);

        var accepted = await hub.Services.GetRequiredService<RunRequests>().RequestAsync(Sources.All, null, false, reconcileAfter: true, CancellationToken.None);
        await WaitUntilAsync(async () => (await runs.LatestAsync(10, CancellationToken.None)).Any(r => r.Source == Sources.Reconcile && Outcomes.IsEnded(r.Status)),
            "the reconciliation after the last item", TimeSpan.FromMinutes(3));

        var ended = await runs.LatestAsync(10, CancellationToken.None);
        var syncs = accepted.Runs.Where(r => r.Source != Sources.Reconcile).Select(r => ended.Single(e => e.Id == r.Id)).ToList();
        Assert.All(syncs, r => Assert.Equal(Outcomes.Succeeded, r.Status));
        Assert.Equal([first.Id, second.Id], syncs.Select(r => int.Parse(r.Worker!.Split(':')[1])).Distinct().Order());
        var reconciliation = Assert.Single(ended, r => r.Source == Sources.Reconcile);
        Assert.Equal(accepted.Runs.Single(r => r.Source == Sources.Reconcile).Id, reconciliation.Id);
        Assert.Equal(Outcomes.Succeeded, reconciliation.Status);
        Assert.True(reconciliation.Started >= syncs.Max(r => r.Ended), "the reconciliation started before the last sync ended");
        await hub.Sim.SetFaultsAsync(new { motcua = new { }, portal = new { } });
        await hub.AssertMatchesSimulatorAsync();
    }

    /// <summary>What a local host process needs to serve the harness's storage and simulators at its clock, timers off, plus <paramref name="overrides"/>.</summary>
    private static Dictionary<string, string?> HostSettings(HubHarness hub, Dictionary<string, string?> overrides)
    {
        var settings = HubHarness.BaseSettings(hub.Sim.BaseAddress, hub.Storage.Prefix);
        settings["Clock:Now"] = hub.Time.GetUtcNow().ToString("O");
        settings["LocalHost:Timers"] = "false";
        foreach (var (key, value) in overrides) settings[key] = value;
        return settings;
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
