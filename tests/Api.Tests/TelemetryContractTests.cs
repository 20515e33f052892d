using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Telemetry;
using IntegrationHub.TestSupport;
using IntegrationHub.Functions.Timers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

[CollectionDefinition("telemetry", DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// What the alert rules query is really emitted: every metric an alert or the workbook names is
/// in the registry (Infra.Tests) and shows up, with its dimensions, in an end-to-end run here.
/// </summary>
[Collection("telemetry")]
public sealed partial class TelemetryContractTests
{
    private sealed class Capture : IDisposable
    {
        private readonly MeterListener listener = new();
        public ConcurrentBag<(string Name, double Value, Dictionary<string, string?> Tags)> Points { get; } = [];

        public Capture()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TelemetryNames.Meter) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            listener.Start();
        }

        private void Add(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, string?>();
            foreach (var t in tags) copy[t.Key] = t.Value?.ToString();
            Points.Add((i.Name, v, copy));
        }

        public IEnumerable<(string Name, double Value, Dictionary<string, string?> Tags)> Of(string name) => Points.Where(p => p.Name == name);

        public void Dispose() => listener.Dispose();
    }

    [Fact]
    public async Task AnEndToEndRunWithAnOutageEmitsEveryMetricTheAlertsQuery_AndTheSourceStateTheyWatch()
    {
        using var capture = new Capture();
        await using var hub = await ApiHarness.StartAsync("--seed", "95", "--dossiers", "2500", "--procedures", "150", "--plant-rate", "0.05");

        // The timers run (LGSP sending broken records too), the API answers, then the portal goes dark for three runs.
        var timers = hub.App.Services.GetRequiredService<SyncTimers>();
        await hub.Sim.SetFaultsAsync(new { lgsp = new { badRecords = true } });
        await timers.SyncLgsp(new TimerInfo(), CancellationToken.None);
        await ApiTests.WaitForIdleAsync(hub);
        await timers.Reconcile(new TimerInfo(), CancellationToken.None);
        await ApiTests.WaitForIdleAsync(hub);
        using var admin = hub.Client(hub.AdminKey);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("kpis?period=2025")).StatusCode);
        await hub.Sim.SetFaultsAsync(new { portal = new { outage = true } });
        for (var i = 0; i < 3; i++)
        {
            await timers.SyncPortal(new TimerInfo(), CancellationToken.None);
            await ApiTests.WaitForIdleAsync(hub);
        }
        // A run whose process died (its lease left to lapse) is marked Abandoned by the next run of its source.
        var runStore = hub.App.Services.GetRequiredService<RunStore>();
        var dead = new RunRecord { RowKey = RunStore.NewId(), Source = "lgsp", Started = DateTimeOffset.UtcNow };
        await runStore.SaveAsync(dead, CancellationToken.None);
        Assert.NotNull(await hub.App.Services.GetRequiredService<LeaseStore>().TryAcquireAsync(LeaseStore.SyncLease("lgsp"), dead.Id, TimeSpan.FromSeconds(1), CancellationToken.None));
        await Task.Delay(1100);
        await timers.SyncLgsp(new TimerInfo(), CancellationToken.None);
        await ApiTests.WaitForIdleAsync(hub);
        Assert.Equal("Abandoned", (await runStore.GetAsync(dead.Id, CancellationToken.None))!.Status);
        Assert.Contains(capture.Of(TelemetryNames.RunsAbandoned), p => p.Tags["source"] == "lgsp");

        // A request the workers could not run lands in the poison queue (RunRequestTests shows how); the
        // local host's poison function reads it and counts it for the alert.
        var storage = hub.App.Services.GetRequiredService<HubStorage>();
        await storage.RunPoisonQueue.SendMessageAsync("not a run request");
        for (var i = 0; i < 100 && !capture.Of(TelemetryNames.RunsPoisoned).Any(); i++) await Task.Delay(100);
        Assert.Contains(capture.Of(TelemetryNames.RunsPoisoned), p => p.Tags["source"] == "unknown");

        // Every metric the alert rules and the workbook name was emitted.
        var infra = string.Join("\n", Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot(), "infra", "modules"), "*.bicep").Select(File.ReadAllText));
        var queried = MetricName().Matches(infra).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(queried);
        var emitted = capture.Points.Select(p => p.Name).ToHashSet();
        Assert.All(queried, m => Assert.Contains(m, emitted));

        // The failure as the alerts see it: failed runs of the portal, their error kind, its circuit open.
        Assert.True(capture.Of(TelemetryNames.SyncRuns).Count(p => p.Tags["source"] == "portal" && p.Tags["outcome"] == "Failed" && p.Tags["streams_failed"] == "all") >= 3);
        Assert.Contains(capture.Of(TelemetryNames.SyncRuns), p => p.Tags["source"] == "lgsp" && p.Tags["streams_failed"] == "none");
        Assert.Contains(capture.Of(TelemetryNames.SyncQuarantined), p => p.Tags["source"] == "lgsp" && p.Tags["stream"] == "lgsp-services" && p.Value > 0);
        Assert.Contains(capture.Of(TelemetryNames.SyncErrors), p => p.Tags["source"] == "portal" && p.Tags["error_kind"] is "ServerError" or "CircuitOpen");
        var circuit = capture.Of(TelemetryNames.CircuitState).Where(p => p.Tags["system"] == "portal").Select(p => p.Value).ToList();
        Assert.True(circuit.Contains(1), "portal circuit states: " + string.Join(",", circuit) + " runs: " + string.Join(",", capture.Of(TelemetryNames.SyncErrors).Select(p => p.Tags["error_kind"])));
        Assert.Contains(capture.Of(TelemetryNames.TimerRuns), p => p.Tags["function"] == "SyncPortal" && p.Tags["outcome"] == "Queued");
        Assert.Contains(capture.Of(TelemetryNames.KpiValue), p => p.Tags["kpi"] == Kpis.OnTimeRate && p.Tags["met"] is "true" or "false");
        Assert.Contains(capture.Of(TelemetryNames.FindingsOpen), p => p.Tags["rule"] == Rules.ClosedBeforeResult);

        // ... and as an agency sees it.
        var status = await admin.GetFromJsonAsync<JsonElement>("agencies/000.00.01.H38/status");
        var portal = status.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "portal");
        Assert.True(portal.GetProperty("state").GetString() == "Down", portal.GetRawText());
        Assert.Equal(3, portal.GetProperty("consecutiveFailures").GetInt32());
        await hub.Sim.SetFaultsAsync(new { portal = new { }, lgsp = new { } });
    }

    [Fact]
    public async Task TheOpenFindingsGaugeEqualsTheFindingsStoredOpen_AfterAFullAndAnIncrementalReconciliation()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "96", "--dossiers", "5000", "--procedures", "150", "--plant-rate", "0.05"]); // two years of data since 2024
        var first = await SyncAndCompareGaugeAsync(hub);
        await hub.AdvanceAsync(240);
        var second = await SyncAndCompareGaugeAsync(hub);

        // The second run moved the counts by its deltas (findings were opened meanwhile); a resolution
        // taking its count away is DossierEvaluatorTests.OpenFindings.
        Assert.True(!second.SetEquals(first), $"opened {second.Except(first).Count()}, resolved {first.Except(second).Count()}");
    }

    /// <summary>Syncs and reconciles; the gauge of each rule, emitted once, equals the findings the table holds open.</summary>
    private static async Task<HashSet<Finding>> SyncAndCompareGaugeAsync(HubHarness hub)
    {
        using var capture = new Capture();
        await hub.SyncAllAsync();
        var stored = await hub.OpenFindingsAsync();
        foreach (var rule in Rules.All)
        {
            var gauge = Assert.Single(capture.Of(TelemetryNames.FindingsOpen), p => p.Tags["rule"] == rule);
            Assert.True(stored.Count(f => f.Rule == rule) == (long)gauge.Value, $"{rule}: gauge {gauge.Value}, stored {stored.Count(f => f.Rule == rule)}");
        }
        return stored;
    }

    [GeneratedRegex("\"(hub\\.[a-z_.]+)\"")]
    private static partial Regex MetricName();
}
