using System.Net.Http.Headers;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using IntegrationHub.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Api.Tests;

/// <summary>
/// The Functions classes served by the local host on Kestrel (real HTTP), over Azurite, after a full
/// sync from an in-process simulator. The hub's clock is a fake set to the simulator's.
/// </summary>
public sealed class ApiHarness : IAsyncDisposable
{
    private ApiHarness(SimulatorServer sim, WebApplication app, Uri address, FakeTimeProvider time)
    {
        Sim = sim;
        App = app;
        Address = address;
        Time = time;
    }

    public SimulatorServer Sim { get; }
    public WebApplication App { get; }
    public Uri Address { get; }
    public FakeTimeProvider Time { get; }
    public string AdminKey { get; private set; } = "";
    public HubStorage Storage => App.Services.GetRequiredService<HubStorage>();
    public ApiKeyStore Keys => App.Services.GetRequiredService<ApiKeyStore>();

    /// <summary>A local host over a synced simulator; its API reads storage on every request (tests read what they just wrote).</summary>
    public static Task<ApiHarness> StartAsync(params string[] simulatorArgs) =>
        StartWithAsync(new Dictionary<string, string?> { ["Api:CacheSeconds"] = "0" }, simulatorArgs);

    public static async Task<ApiHarness> StartWithAsync(Dictionary<string, string?> overrides, params string[] simulatorArgs)
    {
        var sim = await SimulatorServer.StartAsync(simulatorArgs);
        var settings = HubHarness.BaseSettings(sim.BaseAddress, "a" + Guid.NewGuid().ToString("N")[..10]);
        settings["LocalHost:Timers"] = "false";
        foreach (var (key, value) in overrides) settings[key] = value;
        var time = new FakeTimeProvider(await sim.NowAsync());
        var app = LocalHostApp.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton<TimeProvider>(time);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/api/");
        var harness = new ApiHarness(sim, app, address, time);
        var run = await app.Services.GetRequiredService<HubRunner>().SyncAsync(Engine.Sync.Sources.All, null, null, CancellationToken.None);
        Assert.True(run.Succeeded, "initial sync failed");
        harness.AdminKey = await harness.KeyAsync(ApiRole.Admin, "*");
        return harness;
    }

    public async Task<string> KeyAsync(ApiRole role, string agency) => (await Keys.CreateAsync(role, agency, "test", CancellationToken.None)).Secret;

    public HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Storage.DeleteAllAsync(CancellationToken.None);
        }
        finally
        {
            await App.StopAsync();
            await App.DisposeAsync();
            await Sim.DisposeAsync();
        }
    }
}

/// <summary>One harness for the whole test class: the sync is the expensive part.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiHarness Hub { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Hub = await ApiHarness.StartAsync("--seed", "81", "--dossiers", "4000", "--procedures", "200", "--plant-rate", "0.05");

    public async Task DisposeAsync() => await Hub.DisposeAsync();
}
