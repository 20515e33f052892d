using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Simulators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.TestSupport;

/// <summary>
/// A simulator served by Kestrel on a free loopback port inside the test process: tests talk to it
/// over real HTTP, exactly as the hub will.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    public const string PortalUser = "hub";
    public const string PortalPassword = "hub-portal-secret";
    public const string PortalUnit = "000.00.00.H10";
    public const string LgspClientId = "hub";
    public const string LgspClientSecret = "hub-lgsp-secret";
    public const string MotcuaKey = "hub-motcua-key";

    private readonly WebApplication app;

    private SimulatorServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public static async Task<SimulatorServer> StartAsync(params string[] args)
    {
        var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", .. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A client for one system, rooted at its base path (e.g. "portal/").</summary>
    public HttpClient ClientFor(string system) =>
        new() { BaseAddress = new Uri(BaseAddress, system + "/"), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<List<T>> ReadLinesAsync<T>(string path)
    {
        var text = await Http.GetStringAsync(path);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<T>(line, JsonSerializerOptions.Web)!)
            .ToList();
    }

    public async Task<DateTimeOffset> AdvanceClockAsync(double hours)
    {
        var response = await Http.PostAsJsonAsync("_sim/clock", new { hours });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset();
    }

    public async Task<DateTimeOffset> NowAsync() =>
        (await Http.GetFromJsonAsync<JsonElement>("_sim/clock")).GetProperty("now").GetDateTimeOffset();

    public async Task SetFaultsAsync(object update)
    {
        var response = await Http.PostAsJsonAsync("_sim/faults", update);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One manifest line.</summary>
public sealed record Finding(string Rule, string Agency, string Subject);
