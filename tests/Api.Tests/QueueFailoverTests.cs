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
    public async Task AHostKilledAmongTheReconciliationsBucketItemsLeavesThemToTheOtherHost_WhichFinishesTheRun()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "87", "--dossiers", "4000", "--procedures", "200", "--plant-rate", "0.05"]);
        await hub.Runner.SyncAsync(Sources.All, null, null, CancellationToken.None, reconcileAfter: false);
        // One bucket per item: 64 items back to back, so the host is nearly always in the middle of one.
        var settings = HostSettings(hub, new()
        {
            ["LocalHost:Queues:MessageLease"] = "00:00:04", ["Sync:LeaseDuration"] = "00:00:03", ["Reconciliation:BucketsPerItem"] = "1",
        });
        var runs = hub.Services.GetRequiredService<RunStore>();
        var results = hub.Services.GetRequiredService<BucketResultStore>();
        using var first = await LocalHostProcess.StartAsync(settings);
        var accepted = await hub.Services.GetRequiredService<RunRequests>().RequestAsync([], null, false, reconcileAfter: true, CancellationToken.None);
        var run = Assert.Single(accepted.Runs).Id;

        // Killed once a few buckets have their results and before the last has.
        await WaitUntilAsync(async () => await results.ExistsAsync(run, "b03", CancellationToken.None) || await results.ExistsAsync(run, "b04", CancellationToken.None),
            "the first bucket items to end");
        first.Kill();
        Assert.False(await results.ExistsAsync(run, "b63", CancellationToken.None), "the first host ended every bucket before it was killed");
        Assert.Equal(Outcomes.Running, (await runs.GetAsync(run, CancellationToken.None))!.Status);
        using var second = await LocalHostProcess.StartAsync(settings);

        await WaitUntilAsync(async () => Outcomes.IsEnded((await runs.GetAsync(run, CancellationToken.None))!.Status), "the run to end on the second host", TimeSpan.FromMinutes(3));
        var ended = (await runs.GetAsync(run, CancellationToken.None))!;
        Assert.Equal(Outcomes.Succeeded, ended.Status);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), ended.Worker!.Split(',').Select(ProcessOf).Distinct().Order());
        await hub.AssertMatchesSimulatorAsync();
    }

    [Fact]
    public async Task TwoHostsShareOneRequestOf100000Dossiers_SyncsAndReconciliationItems_AndEndWithWhatOneProcessFinds()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "85", "--dossiers", "100000", "--plant-rate", "0.02"]);
        var settings = HostSettings(hub, new());
        var runs = hub.Services.GetRequiredService<RunStore>();
        using var first = await LocalHostProcess.StartAsync(settings);
        using var second = await LocalHostProcess.StartAsync(settings);

        var accepted = await hub.Services.GetRequiredService<RunRequests>().RequestAsync(Sources.All, null, false, reconcileAfter: true, CancellationToken.None);
        var reconcileRun = accepted.Runs.Single(r => r.Source == Sources.Reconcile).Id;
        await WaitUntilAsync(async () => Outcomes.IsEnded((await runs.GetAsync(reconcileRun, CancellationToken.None))!.Status),
            "the reconciliation after the last item", TimeSpan.FromMinutes(6));

        var syncs = new List<RunRecord>();
        foreach (var r in accepted.Runs.Where(r => r.Source != Sources.Reconcile)) syncs.Add((await runs.GetAsync(r.Id, CancellationToken.None))!);
        Assert.All(syncs, r => Assert.Equal(Outcomes.Succeeded, r.Status));
        var reconciliation = (await runs.GetAsync(reconcileRun, CancellationToken.None))!;
        Assert.Equal(Outcomes.Succeeded, reconciliation.Status);
        Assert.True(reconciliation.Started >= syncs.Max(r => r.Ended), "the reconciliation started before the last sync ended");
        // The syncs ran on both hosts, and so did the reconciliation's bucket items (its worker names every process that took part).
        int[] hosts = [first.Id, second.Id];
        Assert.Equal(hosts.Order(), syncs.Select(r => ProcessOf(r.Worker!)).Distinct().Order());
        Assert.Equal(hosts.Order(), reconciliation.Worker!.Split(',').Select(ProcessOf).Distinct().Order());
        await hub.AssertMatchesSimulatorAsync();

        // One process reconciling everything again (hub reconcile --full) evaluates as many dossiers and changes nothing.
        var findings = await hub.OpenFindingsAsync();
        var kpis = await AllKpisAsync(hub);
        var single = (await hub.Services.GetRequiredService<Engine.Reconciliation.ReconcileService>().RunAsync(forceFull: true, CancellationToken.None))!;
        Assert.Equal((Outcomes.Succeeded, reconciliation.Records), (single.Status, single.Records));
        Assert.Equal(findings.OrderBy(f => f.ToString()), (await hub.OpenFindingsAsync()).OrderBy(f => f.ToString()));
        Assert.Equal(kpis, await AllKpisAsync(hub));
    }

    /// <summary>Every KPI row, scores and satisfaction too, in a comparable form.</summary>
    private static async Task<List<string>> AllKpisAsync(HubHarness hub)
    {
        var rows = new List<string>();
        await foreach (var k in hub.Services.GetRequiredService<KpiStore>().ReadAllAsync(CancellationToken.None))
        {
            rows.Add($"{k.Scope} {k.Period} {k.Kpi} {k.Numerator} {k.Denominator} {k.Value} {k.Met}");
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static int ProcessOf(string worker) => int.Parse(worker.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

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
