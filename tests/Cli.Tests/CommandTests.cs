using System.Text.Json;

namespace IntegrationHub.Cli.Tests;

public sealed class CommandTests
{
    [Fact]
    public async Task QuarantinedRecordsAreListedAndShownWithTheirReasons()
    {
        await using var sim = await SimulatorServer.StartAsync("--seed", "73", "--dossiers", "1500", "--procedures", "120");
        await sim.SetFaultsAsync(new { motcua = new { badRecords = true } });
        var prefix = "x" + Guid.NewGuid().ToString("N")[..10];
        var environment = HubProcess.Environment(sim.BaseAddress, prefix, await sim.NowAsync());
        try
        {
            var sync = await HubProcess.RunAsync(environment, "sync", "motcua", "--no-reconcile");
            Assert.True(sync.Exit == 0, sync.Output + sync.Errors);
            Assert.Matches(@"(?m)^motcua +Succeeded .* [0-9]+ quarantined", sync.Output);

            var list = await HubProcess.RunAsync(environment, "quarantine", "list", "--stream", "motcua-dossiers", "--status", "Held");
            Assert.Equal(0, list.Exit);
            var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.Contains("marker rows", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.StartsWith("motcua-dossiers/", l));

            var id = lines.First(l => l.Contains("does not parse", StringComparison.Ordinal)).Split(' ')[0];
            var show = await HubProcess.RunAsync(environment, "quarantine", "show", id);
            Assert.Equal(0, show.Exit);
            Assert.Contains("not-a-date", JsonDocument.Parse(show.Output).RootElement.GetRawText());
            Assert.Contains("does not parse", show.Errors);

            var retry = await HubProcess.RunAsync(environment, "quarantine", "retry", id);
            Assert.Equal(1, retry.Exit);
            Assert.StartsWith("StillRejected", retry.Errors);
        }
        finally
        {
            var storage = new Engine.Storage.HubStorage(TestStorage.ConnectionString, prefix);
            await storage.DeleteAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ACommandWithStorageDownSaysSoInOneMessage_NotAStackTrace()
    {
        var environment = HubProcess.Environment(new Uri("http://127.0.0.1:9/"), "x" + Guid.NewGuid().ToString("N")[..10], DateTimeOffset.UtcNow);
        environment["HubStorage"] = TestStorage.Unreachable;
        var summary = await HubProcess.RunAsync(environment, "summary");
        Assert.Equal(1, summary.Exit);
        Assert.Contains("Storage is not reachable", summary.Errors);
        Assert.DoesNotContain("Unhandled exception", summary.Errors);
    }

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

            // The summary as JSON for scripts: open findings by rule as the manifest has them, and the
            // province's KPI rows of the period exactly as stored (kpis export).
            var summary = await HubProcess.RunAsync(environment, "summary", "--json");
            Assert.Equal(0, summary.Exit);
            var json = JsonDocument.Parse(summary.Output).RootElement;
            var byRule = json.GetProperty("openFindings").GetProperty("byRule").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(manifest.GroupBy(f => f.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count()), byRule);
            Assert.Equal(manifest.Count, json.GetProperty("openFindings").GetProperty("total").GetInt32());
            var period = json.GetProperty("period").GetString();
            var stored = (await HubProcess.RunAsync(environment, "kpis", "export")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(k => k.GetProperty("scope").GetString() == "province" && (k.GetProperty("period").GetString() == period || k.GetProperty("period").GetString() == "current"))
                .Select(k => k.GetRawText()).Order(StringComparer.Ordinal).ToList();
            var summarised = json.GetProperty("kpis").EnumerateArray().Select(k => k.GetRawText()).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(summarised);
            Assert.Equal(stored, summarised);
            var text = await HubProcess.RunAsync(environment, "summary");
            Assert.Contains($"Open findings: {manifest.Count}", text.Output);

            // The monthly scorecard as files: a line per agency with KPI rows in the month.
            var xlsx = Path.Combine(Path.GetTempPath(), $"hub-report-{Guid.NewGuid():N}.xlsx");
            var csvFile = Path.ChangeExtension(xlsx, ".csv");
            try
            {
                var report = await HubProcess.RunAsync(environment, "report", "--period", "2025-06", "--output", xlsx);
                Assert.Equal(0, report.Exit);
                var agenciesOfJune = (await HubProcess.RunAsync(environment, "kpis", "export")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => JsonDocument.Parse(l).RootElement)
                    .Where(k => k.GetProperty("period").GetString() == "2025-06" && k.GetProperty("scope").GetString() is { } scope && scope != "province" && !scope.StartsWith("level:"))
                    .Select(k => k.GetProperty("scope").GetString()).Distinct().Count();
                using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(xlsx, false))
                {
                    var sheet = document.WorkbookPart!.WorksheetParts.First(p => document.WorkbookPart.GetIdOfPart(p) == document.WorkbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id);
                    Assert.Equal(agenciesOfJune + 2, sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
                }
                Assert.Contains($"{agenciesOfJune} agencies", report.Output);
                Assert.Equal(0, (await HubProcess.RunAsync(environment, "report", "--period", "2025-06", "--format", "csv", "--output", csvFile)).Exit);
                Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(csvFile)[..3]);
                var bad = await HubProcess.RunAsync(environment, "report", "--period", "2025-13");
                Assert.NotEqual(0, bad.Exit);
                Assert.Contains("--period 2025-13", bad.Errors);
            }
            finally
            {
                File.Delete(xlsx);
                File.Delete(csvFile);
            }
        }
        finally
        {
            var storage = new Engine.Storage.HubStorage(TestStorage.ConnectionString, prefix);
            await storage.DeleteAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ASyncOfASourceInProgressIsSkipped_OrWaitedForBoundedWhenAsked()
    {
        await using var sim = await SimulatorServer.StartAsync("--seed", "72", "--dossiers", "200", "--procedures", "50");
        var prefix = "x" + Guid.NewGuid().ToString("N")[..10];
        var environment = HubProcess.Environment(sim.BaseAddress, prefix, await sim.NowAsync());
        var storage = new Engine.Storage.HubStorage(TestStorage.ConnectionString, prefix);
        try
        {
            await storage.EnsureCreatedAsync(CancellationToken.None);
            // Another run holds LGSP's lease and then dies: its lease lapses after a few seconds.
            var lease = await new Engine.Storage.LeaseStore(storage).TryAcquireAsync(
                Engine.Storage.LeaseStore.SyncLease("lgsp"), "run-that-died", TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.NotNull(lease);

            var skipped = await HubProcess.RunAsync(environment, "sync", "lgsp", "--no-reconcile");
            Assert.Equal(3, skipped.Exit);
            Assert.Contains("skipped: another run of this source is in progress", skipped.Output);

            var gaveUp = await HubProcess.RunAsync(environment, "sync", "lgsp", "--no-reconcile", "--wait", "0");
            Assert.Equal(3, gaveUp.Exit);
            Assert.Contains("gave up after 0 s; run run-that-died still holds its lease", gaveUp.Errors);

            var waited = await HubProcess.RunAsync(environment, "sync", "lgsp", "--no-reconcile", "--wait", "120");
            Assert.True(waited.Exit == 0, waited.Output + waited.Errors);
            Assert.Contains("lgsp: waiting for run run-that-died, which holds the lease until", waited.Errors);
            Assert.Matches(@"(?m)^lgsp +Succeeded", waited.Output);
        }
        finally
        {
            await storage.DeleteAllAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("sync", "--wait", "soon")]
    [InlineData("sync", "nowhere")]
    [InlineData("sync", "--from", "yesterday", "--to", "2025-02-01")]
    [InlineData("sync", "--from", "2025-03-01", "--to", "2025-02-01")]
    [InlineData("sync", "--from", "0001-01-01", "--to", "9999-12-31")]
    [InlineData("findings", "export", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("quarantine", "show", "no-stream-in-it")]
    [InlineData("quarantine", "list", "--status", "Lost")]
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
