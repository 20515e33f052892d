using System.Text.Json;
using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using IntegrationHub.Functions.Runs;
using IntegrationHub.Functions.Timers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Functions.Tests;

public sealed class TimerFunctionTests
{
    [Fact]
    public void EveryTimerTakesItsScheduleFromAnAppSetting()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var timers = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "timerTrigger")
                .Select(b => (Name: f.GetProperty("name").GetString()!, Schedule: b.GetProperty("schedule").GetString()!)))
            .ToDictionary(t => t.Name, t => t.Schedule);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["SyncMotcua"] = "%SyncMotcuaSchedule%", ["SyncPortal"] = "%SyncPortalSchedule%",
                ["SyncLgsp"] = "%SyncLgspSchedule%", ["Reconcile"] = "%ReconcileSchedule%",
            },
            timers);
    }

    [Fact]
    public void TheRunQueueFunctionsReadTheQueueTheEngineWritesWithTheHubsConnection()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var queues = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "queueTrigger")
                .Select(b => (Name: f.GetProperty("name").GetString()!, Queue: b.GetProperty("queueName").GetString()!, Connection: b.GetProperty("connection").GetString()!)))
            .ToList();
        Assert.Equal([("RunPoisoned", "%RunQueue%-poison", "HubStorage"), ("RunRequested", "%RunQueue%", "HubStorage")], queues.OrderBy(q => q.Name));
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "local.settings.sample.json")));
        var values = settings.RootElement.GetProperty("Values");
        Assert.Equal(HubStorage.RunQueueName(values.GetProperty("Storage__Prefix").GetString()!), values.GetProperty("RunQueue").GetString());
    }

    [Fact]
    public async Task TheTimersQueueRunsThatTheQueueFunctionRunsToTheManifest()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "61", "--dossiers", "2500", "--procedures", "150", "--plant-rate", "0.05"]);
        var timers = new SyncTimers(hub.Services.GetRequiredService<RunRequests>(), NullLogger<SyncTimers>.Instance);
        var queue = new RunQueueFunctions(hub.Services.GetRequiredService<RunWorker>());
        var tick = new TimerInfo();

        await timers.SyncMotcua(tick, CancellationToken.None);
        await timers.SyncPortal(tick, CancellationToken.None);
        await timers.SyncLgsp(tick, CancellationToken.None);
        var queued = await hub.Services.GetRequiredService<RunStore>().LatestAsync(10, CancellationToken.None);
        Assert.Equal([Outcomes.Queued, Outcomes.Queued, Outcomes.Queued], queued.Select(r => r.Status));
        // A second tick while its run is queued is skipped: nothing more is queued.
        await timers.SyncMotcua(tick, CancellationToken.None);
        Assert.Equal(3, (await hub.Storage.RunQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await hub.DrainRunQueueAsync(queue.RunRequested, queue.RunPoisoned);
        await timers.Reconcile(tick, CancellationToken.None);
        await hub.DrainRunQueueAsync(queue.RunRequested, queue.RunPoisoned);

        var runs = await hub.Services.GetRequiredService<RunStore>().LatestAsync(10, CancellationToken.None);
        Assert.Equal(["lgsp", "motcua", "portal", "reconcile"], runs.Select(r => r.Source).Order());
        Assert.All(runs, r => Assert.Equal(Outcomes.Succeeded, r.Status));
        var manifest = (await hub.Sim.ReadLinesAsync<Finding>("_sim/manifest")).ToHashSet();
        Assert.Equal(manifest.OrderBy(f => f.ToString()), (await hub.OpenFindingsAsync()).OrderBy(f => f.ToString()));
    }

    [Fact]
    public async Task AFailedSyncIsRecordedAndFreesItsSourceForTheNextTick()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "62", "--dossiers", "2000", "--procedures", "100"]);
        await hub.Sim.SetFaultsAsync(new { lgsp = new { outage = true } });
        var requests = hub.Services.GetRequiredService<RunRequests>();
        var timers = new SyncTimers(requests, NullLogger<SyncTimers>.Instance);
        var queue = new RunQueueFunctions(hub.Services.GetRequiredService<RunWorker>());

        await timers.SyncLgsp(new TimerInfo(), CancellationToken.None);
        await hub.DrainRunQueueAsync(queue.RunRequested, queue.RunPoisoned);
        var failed = Assert.Single(await hub.Services.GetRequiredService<RunStore>().LatestAsync(10, CancellationToken.None));
        Assert.Equal((Sources.Lgsp, Outcomes.Failed), (failed.Source, failed.Status));

        await timers.SyncLgsp(new TimerInfo(), CancellationToken.None);
        var next = await hub.Services.GetRequiredService<RunStore>().LatestAsync(10, CancellationToken.None);
        Assert.Equal([Outcomes.Queued, Outcomes.Failed], next.Select(r => r.Status));
    }
}
