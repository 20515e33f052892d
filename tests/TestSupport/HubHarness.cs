using Azure.Data.Tables;
using IntegrationHub.Contracts;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.TestSupport;

/// <summary>
/// The engine wired as in production, against an in-process simulator over real HTTP and Azurite
/// under a table prefix of its own (deleted on dispose). The hub's clock is a fake set to the
/// simulator's clock, so grace periods and windows agree.
/// </summary>
public sealed class HubHarness : IAsyncDisposable
{
    private HubHarness(SimulatorServer sim, ServiceProvider services, FakeTimeProvider time)
    {
        Sim = sim;
        Services = services;
        Time = time;
    }

    public SimulatorServer Sim { get; }
    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; }
    public HubStorage Storage => Services.GetRequiredService<HubStorage>();
    public HubRunner Runner => Services.GetRequiredService<HubRunner>();

    public static async Task<HubHarness> StartAsync(string[] simulatorArgs, IDictionary<string, string?>? settings = null)
    {
        var sim = await SimulatorServer.StartAsync(simulatorArgs);
        var values = BaseSettings(sim.BaseAddress, "t" + Guid.NewGuid().ToString("N")[..10]);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new FakeTimeProvider(await sim.NowAsync());
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddHubEngine(configuration)
            .BuildServiceProvider();
        var harness = new HubHarness(sim, services, time);
        await harness.Storage.EnsureCreatedAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>The settings a hub needs to talk to a simulator at <paramref name="sim"/>, as environment variables would give them.</summary>
    public static Dictionary<string, string?> BaseSettings(Uri sim, string prefix) => new()
    {
        ["HubStorage"] = TestStorage.ConnectionString,
        ["Storage:Prefix"] = prefix,
        ["Motcua:BaseUrl"] = new Uri(sim, "motcua/").ToString(),
        ["Motcua:ApiKey"] = SimulatorServer.MotcuaKey,
        ["Portal:BaseUrl"] = new Uri(sim, "portal/").ToString(),
        ["Portal:Username"] = SimulatorServer.PortalUser,
        ["Portal:Password"] = SimulatorServer.PortalPassword,
        ["Portal:UnitCode"] = SimulatorServer.PortalUnit,
        ["Lgsp:BaseUrl"] = new Uri(sim, "lgsp/").ToString(),
        ["Lgsp:ClientId"] = SimulatorServer.LgspClientId,
        ["Lgsp:ClientSecret"] = SimulatorServer.LgspClientSecret,
        ["Resilience:BaseDelay"] = "00:00:00.010",
        ["Resilience:MaxDelay"] = "00:00:00.100",
        ["Resilience:BreakFor"] = "00:00:01",
    };

    /// <summary>Moves the simulator's clock and the hub's together.</summary>
    public async Task AdvanceAsync(double hours)
    {
        Time.SetUtcNow(await Sim.AdvanceClockAsync(hours));
    }

    /// <summary>
    /// Executes the queued run requests as a worker would (a <see cref="Engine.Runs.QueuePump"/> on the
    /// run queue and its poison queue, with <paramref name="execute"/> and <paramref name="poisoned"/>
    /// as the functions), until both queues are empty; bounded.
    /// </summary>
    public async Task DrainRunQueueAsync(Func<string, CancellationToken, Task> execute, Func<string, CancellationToken, Task> poisoned,
        Engine.Runs.QueuePumpOptions? options = null)
    {
        options ??= new Engine.Runs.QueuePumpOptions();
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var runs = new Engine.Runs.QueuePump(Storage.RunQueue, Storage.RunPoisonQueue, execute, options, log);
        var poison = new Engine.Runs.QueuePump(Storage.RunPoisonQueue, Storage.Queue(Storage.RunPoisonQueue.Name + HubStorage.PoisonSuffix), poisoned, options, log);
        for (var round = 0; round < 100; round++)
        {
            var taken = await runs.PollOnceAsync(CancellationToken.None) + await poison.PollOnceAsync(CancellationToken.None);
            if (taken == 0 && (await Storage.RunQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0) return;
            if (taken == 0) await Task.Delay(100);
        }
        throw new TimeoutException("The run queue did not empty.");
    }

    public async Task<HubRunResult> SyncAllAsync() =>
        await Runner.SyncAsync(Engine.Sync.Sources.All, null, null, CancellationToken.None);

    public async Task<HashSet<Finding>> OpenFindingsAsync()
    {
        var open = new HashSet<Finding>();
        await foreach (var f in Storage.Table(HubStorage.Findings).QueryAsync<FindingEntity>(f => f.Status == FindingEntity.Open))
        {
            open.Add(new Finding(f.Rule, f.Agency, f.Subject));
        }
        return open;
    }

    /// <summary>The hub's KPI rows the simulators also compute (hub-only KPIs and scores left out).</summary>
    public async Task<HashSet<string>> ComparableKpisAsync()
    {
        var rows = new HashSet<string>();
        await foreach (var k in Services.GetRequiredService<KpiStore>().ReadAllAsync(CancellationToken.None))
        {
            if (k.Kpi == Kpis.SatisfactionRate || k.Kpi.StartsWith(KpiPublisher.ScorePrefix, StringComparison.Ordinal)) continue;
            rows.Add($"{k.Scope} {k.Period} {k.Kpi} {k.Numerator} {k.Denominator}");
        }
        return rows;
    }

    public async Task<HashSet<string>> ExpectedKpisAsync()
    {
        var lines = await Sim.ReadLinesAsync<Simulators.Data.KpiValue>("_sim/expected-kpis");
        return lines.Select(k => $"{k.Scope} {k.Period} {k.Kpi} {k.Numerator} {k.Denominator}").ToHashSet();
    }

    /// <summary>The hub agrees with the simulator's answer key: open findings equal the manifest, KPIs the expected ones.</summary>
    public async Task AssertMatchesSimulatorAsync()
    {
        var manifest = (await Sim.ReadLinesAsync<Finding>("_sim/manifest")).ToHashSet();
        var open = await OpenFindingsAsync();
        Xunit.Assert.Empty(manifest.Except(open));
        Xunit.Assert.Empty(open.Except(manifest));
        var expected = await ExpectedKpisAsync();
        var actual = await ComparableKpisAsync();
        Xunit.Assert.Empty(expected.Except(actual).Take(20));
        Xunit.Assert.Empty(actual.Except(expected).Take(20));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Storage.DeleteAllAsync(CancellationToken.None);
        }
        finally
        {
            await Services.DisposeAsync();
            await Sim.DisposeAsync();
        }
    }
}
