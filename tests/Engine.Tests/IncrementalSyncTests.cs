using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using IntegrationHub.Engine.Storage;
using Xunit.Abstractions;

namespace IntegrationHub.Engine.Tests;

public sealed class IncrementalSyncTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AfterTheClockMovesIncrementalSyncsKeepFindingsAndKpisExact_WithStorageWorkProportionalToTheChange()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "31", "--dossiers", "8000", "--procedures", "300", "--plant-rate", "0.05"]);
        var full = await hub.SyncAllAsync();
        Assert.True(full.Succeeded, AgainstTheSimulatorsTests.Describe(full));
        var fullWork = Work(full);
        await AssertCountersSnapshotIsTheTableAsync(hub);

        var small = await AdvanceAndCheckAsync(hub, 1);
        var large = await AdvanceAndCheckAsync(hub, 96);

        output.WriteLine($"full sync: {fullWork.Changed} dossier records, {fullWork.Operations} storage operations");
        output.WriteLine($"1 h later: {small.Changed} dossier records, {small.Operations} storage operations");
        output.WriteLine($"96 h later: {large.Changed} dossier records, {large.Operations} storage operations");
        Assert.True(large.Changed > 10 * Math.Max(1, small.Changed), $"{small.Changed} then {large.Changed} changes");
        // A fixed part (a marker read per partition, the catalogue and LGSP snapshots) plus a bounded cost per change.
        var perChange = (double)(large.Operations - small.Operations) / (large.Changed - small.Changed);
        Assert.True(perChange < 8, $"{perChange:F1} storage operations per changed record");
        Assert.True(small.Operations < 400, $"{small.Operations} operations for {small.Changed} changes");
        // Nothing like a full pass: a full reconciliation alone reads every dossier row.
        Assert.True(large.Operations < large.Changed * 8 + 400, $"incremental {large.Operations} vs full {fullWork.Operations}");
    }

    private async Task<(long Changed, long Operations)> AdvanceAndCheckAsync(HubHarness hub, double hours)
    {
        await hub.AdvanceAsync(hours);
        var run = await hub.SyncAllAsync();
        Assert.True(run.Succeeded, AgainstTheSimulatorsTests.Describe(run));
        Assert.Contains("Incremental", run.Reconcile!.Streams);

        // KPIs published from the counters snapshot plus the run's deltas equal the simulator's.
        await hub.AssertMatchesSimulatorAsync();
        await AssertCountersSnapshotIsTheTableAsync(hub);
        return Work(run);
    }

    /// <summary>The snapshot the state names is the Counters table, cell for cell; one of another run is not believed.</summary>
    private static async Task AssertCountersSnapshotIsTheTableAsync(HubHarness hub)
    {
        var counters = hub.Services.GetRequiredService<CounterStore>();
        var state = await hub.Services.GetRequiredService<ReconcileStateStore>().GetAsync(default);
        var snapshot = await counters.ReadSnapshotAsync(state.CountersSnapshot, default);
        Assert.NotNull(snapshot);
        var table = Canonical(await counters.ReadAllAsync(default));
        Assert.NotEmpty(table);
        Assert.Equal(table, Canonical(snapshot));
        Assert.Null(await counters.ReadSnapshotAsync("another run", default));
    }

    private static List<string> Canonical(Reconciliation.CounterSet set) =>
        set.Cells.Select(c => CounterRow.From(c.Key.Agency, c.Key.Month, c.Value)).Select(r => $"{r.Agency} {r.Month} {r.Kpis} {r.Activity}{r.Activity2}{r.Activity3}").Order(StringComparer.Ordinal).ToList();

    /// <summary>Dossier records synced (the change) and storage operations of the whole run.</summary>
    private static (long Changed, long Operations) Work(HubRunResult run)
    {
        long changed = 0;
        foreach (var (_, sync) in run.Syncs)
        {
            using var streams = System.Text.Json.JsonDocument.Parse(sync!.Streams!);
            foreach (var stream in streams.RootElement.EnumerateArray())
            {
                var name = stream.GetProperty("stream").GetString()!;
                if (name is "motcua-dossiers" or "portal-dossiers" or "portal-payments") changed += stream.GetProperty("records").GetInt64();
            }
        }
        return (changed, run.Syncs.Sum(s => s.Run!.StorageOperations) + run.Reconcile!.StorageOperations);
    }

    [Fact]
    public async Task ReRunningOverUnchangedDataChangesNothing()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "32", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.05"]);
        Assert.True((await hub.SyncAllAsync()).Succeeded);
        var findingsBefore = await SnapshotAsync(hub, HubStorage.Findings);
        var kpisBefore = await KpiSnapshotAsync(hub);
        var dossiersBefore = await DossierSnapshotAsync(hub);

        var again = await hub.SyncAllAsync();
        Assert.True(again.Succeeded, AgainstTheSimulatorsTests.Describe(again));
        var forcedFull = await hub.Services.GetRequiredService<Reconciliation.ReconcileService>().RunAsync(forceFull: true, CancellationToken.None);
        Assert.Equal(Sync.Outcomes.Succeeded, forcedFull!.Status);

        Assert.Equal(findingsBefore, await SnapshotAsync(hub, HubStorage.Findings));
        Assert.Equal(kpisBefore, await KpiSnapshotAsync(hub));
        Assert.Equal(dossiersBefore, await DossierSnapshotAsync(hub));
    }

    [Fact]
    public async Task AnUpgradeFromTheSingleKpisTableIsAFullPassThatFillsTheShardsAndDropsTheOldTable()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "33", "--dossiers", "1500", "--procedures", "200"]);
        Assert.True((await hub.SyncAllAsync()).Succeeded);
        var published = await KpiSnapshotAsync(hub);

        // As a hub of evaluator version 11 left it: every KPI row in the one Kpis table, the shards not yet there.
        var legacy = hub.Storage.Table(HubStorage.Kpis);
        await legacy.CreateIfNotExistsAsync();
        await legacy.UpsertEntityAsync(new TableEntity(Reconciliation.KpiCells.Province, "2025|online_dossier_rate") { ["Value"] = 0.5 });
        foreach (var table in HubStorage.AllKpiTables) await hub.Storage.Table(table).DeleteAsync();
        foreach (var table in HubStorage.AllKpiTables) await hub.Storage.Table(table).CreateIfNotExistsAsync();
        var states = hub.Services.GetRequiredService<ReconcileStateStore>();
        await states.UpdateAsync(s => s.EvaluatorVersion = 11, default);

        var upgraded = await hub.Services.GetRequiredService<Reconciliation.ReconcileService>().RunAsync(forceFull: false, CancellationToken.None);
        Assert.Equal(Sync.Outcomes.Succeeded, upgraded!.Status);
        Assert.Contains("Full", upgraded.Streams);
        Assert.Equal(published, await KpiSnapshotAsync(hub));
        var tables = new TableServiceClient(TestStorage.ConnectionString);
        var legacyLeft = new List<string>();
        await foreach (var t in tables.QueryAsync(t => t.Name == hub.Storage.Prefix + HubStorage.Kpis)) legacyLeft.Add(t.Name);
        Assert.Empty(legacyLeft);
        Assert.Equal(Reconciliation.DossierEvaluator.Version, (await states.GetAsync(default)).EvaluatorVersion);
    }

    [Fact]
    public async Task AResumeCursorTheCaseSystemNoLongerKnowsRestartsThePassFromTheWatermark()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "34", "--dossiers", "2000", "--procedures", "150", "--plant-rate", "0.05"]);
        Assert.True((await hub.SyncAllAsync()).Succeeded);
        await hub.AdvanceAsync(24);
        // A run stopped mid-pass a day ago; the cursor it stored has expired upstream since.
        var checkpoints = hub.Services.GetRequiredService<CheckpointStore>();
        var stored = await checkpoints.GetAsync("motcua-dossiers", CancellationToken.None);
        stored.PassFrom = stored.Watermark!.Value.AddMinutes(-10);
        stored.PassTo = stored.Watermark.Value.AddHours(1);
        stored.Resume = "expired-cursor";
        await checkpoints.SaveAsync(stored, CancellationToken.None);

        var run = await hub.SyncAllAsync();

        Assert.True(run.Succeeded, AgainstTheSimulatorsTests.Describe(run));
        var motcua = run.Syncs.Single(s => s.Source == Sync.Sources.Motcua).Run!;
        Assert.Equal(Sync.Outcomes.Succeeded, motcua.Status);
        var after = await checkpoints.GetAsync("motcua-dossiers", CancellationToken.None);
        Assert.Null(after.Resume);
        Assert.True(after.Watermark > stored.Watermark);
        // The pass it finished was the stored one: its records, then the day's in the next run.
        Assert.True((await hub.SyncAllAsync()).Succeeded);
        await hub.AssertMatchesSimulatorAsync();
    }

    /// <summary>Every dossier row of every bucket table.</summary>
    internal static async Task<List<string>> DossierSnapshotAsync(HubHarness hub)
    {
        var rows = new List<string>();
        foreach (var partition in DossierRows.AllPartitions()) rows.AddRange(await SnapshotAsync(hub, HubStorage.DossierTableName(partition)));
        Assert.NotEmpty(rows);
        return rows;
    }

    internal static async Task<List<string>> KpiSnapshotAsync(HubHarness hub)
    {
        var rows = new List<string>();
        foreach (var table in HubStorage.AllKpiTables) rows.AddRange(await SnapshotAsync(hub, table));
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>Every row with its values (not its timestamp or ETag): "changes nothing" means this is equal.</summary>
    internal static async Task<List<string>> SnapshotAsync(HubHarness hub, string table)
    {
        var rows = new List<string>();
        await foreach (var row in hub.Storage.Table(table).QueryAsync<TableEntity>())
        {
            var values = row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key}={(p.Value is DateTimeOffset d ? d.UtcTicks : p.Value)}");
            rows.Add(string.Join(";", values));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
