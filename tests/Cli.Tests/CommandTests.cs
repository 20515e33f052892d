using System.Text.Json;

namespace IntegrationHub.Cli.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task SyncThenExportGivesTheManifestAsNdjsonAndCsv()
    {
        await using var sim = await SimulatorServer.StartAsync("--seed", "71", "--dossiers", "2500", "--procedures", "150", "--plant-rate", "0.05");
        var prefix = "x" + Guid.NewGuid().ToString("N")[..10];
        var environment = HubProcess.Environment(sim.BaseAddress, prefix, await sim.NowAsync());
        try
        {
            var sync = await HubProcess.RunAsync(environment, "sync");
            Assert.True(sync.Exit == 0, sync.Output + sync.Errors);
            Assert.Matches(@"(?m)^motcua +Succeeded", sync.Output);
            Assert.Matches(@"(?m)^reconcile +Succeeded", sync.Output);

            var manifest = (await sim.ReadLinesAsync<Finding>("_sim/manifest")).Select(f => $"{f.Rule} {f.Agency} {f.Subject}").Order().ToList();

            var ndjson = await HubProcess.RunAsync(environment, "findings", "export", "--format", "ndjson");
            Assert.Equal(0, ndjson.Exit);
            var objects = ndjson.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.All(objects, o =>
            {
                Assert.Equal("open", o.GetProperty("status").GetString());
                Assert.True(o.GetProperty("firstSeen").GetDateTimeOffset() <= o.GetProperty("lastSeen").GetDateTimeOffset());
            });
            Assert.Equal(manifest, objects.Select(o => $"{o.GetProperty("rule").GetString()} {o.GetProperty("agency").GetString()} {o.GetProperty("subject").GetString()}").Order());

            var csv = await HubProcess.RunAsync(environment, "findings", "export", "--format", "csv", "--status", "all");
            Assert.Equal(0, csv.Exit);
            var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("rule,agency,subject,status,firstSeen,lastSeen,resolvedAt", lines[0]);
            Assert.Equal(manifest, lines.Skip(1).Select(l => l.Split(',')).Select(c => $"{c[0]} {c[1]} {c[2]}").Order());
        }
        finally
        {
            var storage = new Engine.Storage.HubStorage(TestStorage.ConnectionString, prefix);
            await storage.DeleteAllAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("sync", "nowhere")]
    [InlineData("sync", "--from", "yesterday", "--to", "2025-02-01")]
    [InlineData("sync", "--from", "2025-03-01", "--to", "2025-02-01")]
    [InlineData("findings", "export", "--format", "xml")]
    [InlineData("frobnicate")]
    public async Task BadCommandLinesExitWithTwoAndSayWhy(params string[] args)
    {
        var environment = HubProcess.Environment(new Uri("http://127.0.0.1:9/"), "unused", DateTimeOffset.UnixEpoch);
        var result = await HubProcess.RunAsync(environment, args);
        Assert.Equal(2, result.Exit);
        Assert.Contains("Usage:", result.Errors);
    }

    [Fact]
    public async Task MissingSettingsAreNamed()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["HubStorage"] = TestStorage.ConnectionString, ["Storage__Prefix"] = "unused" }, "sync", "portal");
        Assert.Equal(2, result.Exit);
        Assert.Contains("BaseUrl", result.Errors);
    }
}
