using System.Text.Json;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
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
    public async Task TheSourceTimersSyncAndTheReconcileTimerFindsTheManifest()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "61", "--dossiers", "2500", "--procedures", "150", "--plant-rate", "0.05"]);
        var timers = new SyncTimers(hub.Runner, hub.Services.GetRequiredService<ReconcileService>(), NullLogger<SyncTimers>.Instance);
        var tick = new TimerInfo();

        await timers.SyncMotcua(tick, CancellationToken.None);
        await timers.SyncPortal(tick, CancellationToken.None);
        await timers.SyncLgsp(tick, CancellationToken.None);
        await timers.Reconcile(tick, CancellationToken.None);

        var runs = await hub.Services.GetRequiredService<RunStore>().LatestAsync(10, CancellationToken.None);
        Assert.Equal(["lgsp", "motcua", "portal", "reconcile"], runs.Select(r => r.Source).Order());
        var manifest = (await hub.Sim.ReadLinesAsync<Finding>("_sim/manifest")).ToHashSet();
        Assert.Equal(manifest.OrderBy(f => f.ToString()), (await hub.OpenFindingsAsync()).OrderBy(f => f.ToString()));
    }

    [Fact]
    public async Task AFailedSyncFailsTheInvocation()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "62", "--dossiers", "2000", "--procedures", "100"]);
        await hub.Sim.SetFaultsAsync(new { lgsp = new { outage = true } });
        var timers = new SyncTimers(hub.Runner, hub.Services.GetRequiredService<ReconcileService>(), NullLogger<SyncTimers>.Instance);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => timers.SyncLgsp(new TimerInfo(), CancellationToken.None));
        Assert.Contains("lgsp", ex.Message);
    }
}
