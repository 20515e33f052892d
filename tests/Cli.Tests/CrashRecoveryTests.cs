using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace IntegrationHub.Cli.Tests;

public sealed partial class CrashRecoveryTests(ITestOutputHelper output)
{
    /// <summary>Compared a group at a time: each dossier bucket, and the KPI shards together (a shard may be empty).</summary>
    private static readonly string[][] ComparedTables =
        [.. Engine.Storage.DossierRows.AllPartitions().Select(p => new[] { Engine.Storage.HubStorage.DossierTableName(p) }),
            ["Counters"], ["Catalogue"], ["Findings"], [.. Engine.Storage.HubStorage.AllKpiTables]];

    [Fact]
    public async Task ASyncKilledMidwayAndRunAgainEndsInExactlyTheStateOfAnUninterruptedSync()
    {
        await using var sim = await SimulatorServer.StartAsync("--seed", "41", "--dossiers", "20000", "--procedures", "300", "--plant-rate", "0.05");
        var now = await sim.NowAsync();
        var uninterrupted = "c" + Guid.NewGuid().ToString("N")[..10];
        var crashed = "c" + Guid.NewGuid().ToString("N")[..10];
        var tables = new TableServiceClient(TestStorage.ConnectionString);
        try
        {
            var baseline = await HubProcess.RunAsync(Settings(sim, uninterrupted, now), "sync");
            Assert.True(baseline.Exit == 0, baseline.Output + baseline.Errors);

            // Kill the second hub (SIGKILL, no clean-up) once it has stored part of the dossiers. The case
            // system answers slowly meanwhile, so the dossier stream lasts long enough to report its progress
            // (every 2 s) midway whatever the machine's load.
            var environment = Settings(sim, crashed, now);
            await sim.SetFaultsAsync(new { motcua = new { latencyMs = 60 } });
            using (var victim = HubProcess.Start(environment, "sync"))
            {
                var killedAt = 0L;
                while (await victim.StandardError.ReadLineAsync() is { } line)
                {
                    var progress = DossierProgress().Match(line);
                    if (progress.Success && long.Parse(progress.Groups[1].Value) >= 6000)
                    {
                        victim.Kill(entireProcessTree: true);
                        killedAt = long.Parse(progress.Groups[1].Value);
                        break;
                    }
                }
                await victim.WaitForExitAsync();
                Assert.True(killedAt > 0, "the hub finished before it could be killed: give it more data");
                output.WriteLine($"killed after {killedAt} dossier records");
            }
            // Its lease dies with it: wait for the lease to lapse, then run again.
            await sim.SetFaultsAsync(new { motcua = new { } });
            await Task.Delay(TimeSpan.FromSeconds(4));
            var rerun = await HubProcess.RunAsync(environment, "sync");
            Assert.True(rerun.Exit == 0, rerun.Output + rerun.Errors);
            output.WriteLine("uninterrupted:\n" + baseline.Output + "after the kill:\n" + rerun.Output);
            // The re-run resumed from the checkpoints: it read fewer records than a whole sync.
            Assert.True(Records(rerun.Output) < Records(baseline.Output), "the re-run started over instead of resuming");

            foreach (var group in ComparedTables)
            {
                var expected = new List<string>();
                var actual = new List<string>();
                foreach (var table in group)
                {
                    expected.AddRange(await SnapshotAsync(tables.GetTableClient(uninterrupted + table)));
                    actual.AddRange(await SnapshotAsync(tables.GetTableClient(crashed + table)));
                }
                Assert.True(expected.Count > 0, string.Join(", ", group));
                Assert.Equal(expected, actual);
            }
        }
        finally
        {
            foreach (var prefix in new[] { uninterrupted, crashed })
            {
                await foreach (var t in tables.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0)) await tables.DeleteTableAsync(t.Name);
            }
        }
    }

    private static Dictionary<string, string> Settings(SimulatorServer sim, string prefix, DateTimeOffset now)
    {
        var settings = HubProcess.Environment(sim.BaseAddress, prefix, now);
        settings["Sync__FlushSize"] = "1000";
        settings["Sync__StageFlushSize"] = "1000";
        settings["Sync__LeaseDuration"] = "00:00:03";
        return settings;
    }

    private static long Records(string summary) =>
        SummaryRecords().Matches(summary).Sum(m => long.Parse(m.Groups[1].Value));

    [GeneratedRegex(@"^(?:motcua|portal) +\w+ +(\d+) records", RegexOptions.Multiline)]
    private static partial Regex SummaryRecords();

    [GeneratedRegex(@"(?:motcua|portal)-dossiers: (\d+) records")]
    private static partial Regex DossierProgress();

    private static async Task<List<string>> SnapshotAsync(TableClient table)
    {
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(string.Join(";", row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key}={(p.Value is DateTimeOffset d ? d.UtcTicks : p.Value)}")));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
