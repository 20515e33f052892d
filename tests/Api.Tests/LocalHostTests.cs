using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using IntegrationHub.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Api.Tests;

public sealed class LocalHostTests
{
    [Fact]
    public void EveryFunctionOfTheFunctionsAssemblyIsServedScheduledOrReadsItsQueue()
    {
        var all = FunctionCatalog.AllFunctions().Select(m => m.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false)
            .Cast<Microsoft.Azure.Functions.Worker.FunctionAttribute>().Single().Name).Order().ToList();
        var app = LocalHostApp.Build(["--urls", "http://127.0.0.1:0"], b => b.Configuration.AddInMemoryCollection(
            HubHarness.BaseSettings(new Uri("http://127.0.0.1:9/"), "unused")));
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).Where(n => n is not null).ToList();
        var scheduled = FunctionCatalog.Timers().Select(t => t.Name);
        var queued = FunctionCatalog.Queues().Select(q => q.Name);

        Assert.Equal(all, served.Concat(scheduled).Concat(queued).Order()!);
        Assert.Equal(["RunPoisoned", "RunRequested"], queued.Order());
        Assert.Contains("Health", served);
        Assert.Contains("Reconcile", scheduled);
    }

    [Theory]
    [InlineData("0 */15 * * * *", "2026-01-01T00:07:03Z", "2026-01-01T00:15:00Z")]
    [InlineData("*/2 * * * * *", "2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z")]
    [InlineData("0 5-59/15 * * * *", "2026-01-01T00:20:00Z", "2026-01-01T00:35:00Z")]
    [InlineData("0 30 2 * * 1", "2026-01-01T00:00:00Z", "2026-01-05T02:30:00Z")]
    [InlineData("0 0 0 1 1 *", "2026-06-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    public void NcrontabSchedulesFindTheirNextOccurrenceInUtc(string expression, string after, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected), Ncrontab.Parse(expression).Next(DateTimeOffset.Parse(after)));
    }

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("61 * * * * *")]
    [InlineData("a * * * * *")]
    public void BadSchedulesAreRefused(string expression) => Assert.Throws<FormatException>(() => Ncrontab.Parse(expression));

    [Fact]
    public async Task EndToEnd_TheHostSyncsOnItsTimers_ServesAgencies_AndTakesAManualSync()
    {
        await using var sim = await SimulatorServer.StartAsync("--seed", "91", "--dossiers", "2500", "--procedures", "150", "--plant-rate", "0.05");
        var settings = HubHarness.BaseSettings(sim.BaseAddress, "l" + Guid.NewGuid().ToString("N")[..10]);
        // Short schedules: every source each few seconds, reconciliation just after.
        settings["SyncMotcuaSchedule"] = "*/3 * * * * *";
        settings["SyncPortalSchedule"] = "*/3 * * * * *";
        settings["SyncLgspSchedule"] = "*/3 * * * * *";
        settings["ReconcileSchedule"] = "1-59/3 * * * * *";
        var time = new FakeTimeProvider(await sim.NowAsync());
        var app = LocalHostApp.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton<TimeProvider>(time);
        });
        await app.StartAsync();
        var storage = app.Services.GetRequiredService<HubStorage>();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var (_, adminKey) = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(ApiRole.Admin, "*", "e2e", CancellationToken.None);
            using var http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/api/") };
            http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);

            // The timers alone bring the hub to the simulator's answer key.
            var manifest = (await sim.ReadLinesAsync<Finding>("_sim/manifest")).Select(f => $"{f.Rule} {f.Agency} {f.Subject}").ToHashSet();
            HashSet<string> open = [];
            for (var i = 0; i < 60 && !open.SetEquals(manifest); i++)
            {
                await Task.Delay(1000);
                open = [];
                string? continuation = null;
                do
                {
                    var page = await http.GetFromJsonAsync<JsonElement>("findings?pageSize=1000" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
                    foreach (var f in page.GetProperty("items").EnumerateArray()) open.Add($"{f.GetProperty("rule")} {f.GetProperty("agency")} {f.GetProperty("subject")}");
                    continuation = page.GetProperty("continuation").GetString();
                }
                while (continuation is not null);
            }
            Assert.Equal(manifest.Order(), open.Order());
            var runs = await http.GetFromJsonAsync<JsonElement>("sync/runs?count=100");
            var sources = runs.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("source").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "motcua", "portal", "lgsp", "reconcile" }, sources);

            // An agency reads its status; the simulated clock moves and a manual sync brings the change.
            var (_, agencyKey) = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(ApiRole.Agency, "000.00.01.H38", "e2e", CancellationToken.None);
            using var agency = new HttpClient { BaseAddress = http.BaseAddress };
            agency.DefaultRequestHeaders.Add("X-Api-Key", agencyKey);
            var status = await agency.GetFromJsonAsync<JsonElement>("agencies/000.00.01.H38/status");
            Assert.Equal(3, status.GetProperty("sources").GetArrayLength());

            time.SetUtcNow(await sim.AdvanceClockAsync(720));
            HttpResponseMessage started;
            var attempts = 0;
            while ((started = await http.PostAsync("sync/all", null)).StatusCode == HttpStatusCode.Conflict && ++attempts < 40)
            {
                started.Dispose();
                await Task.Delay(250); // a timer run is in progress: as on Azure, runs of a source never overlap
            }
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            started.Dispose();
            var after = (await sim.ReadLinesAsync<Finding>("_sim/manifest")).Select(f => $"{f.Rule} {f.Agency} {f.Subject}").ToHashSet();
            Assert.NotEqual(manifest, after);
            for (var i = 0; i < 60; i++)
            {
                await Task.Delay(1000);
                var page = await http.GetFromJsonAsync<JsonElement>("findings?pageSize=1000");
                var now = page.GetProperty("items").EnumerateArray().Select(f => $"{f.GetProperty("rule")} {f.GetProperty("agency")} {f.GetProperty("subject")}").ToHashSet();
                if (now.SetEquals(after) && page.GetProperty("continuation").ValueKind == JsonValueKind.Null) return;
            }
            Assert.Fail("The hub did not reach the simulator's manifest after the manual sync.");
        }
        finally
        {
            await app.StopAsync();
            await storage.DeleteAllAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
