using System.Diagnostics.Metrics;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Telemetry;

/// <summary>The instruments, on one static Meter so that function classes and the engine share them.</summary>
public static class HubMetrics
{
    private static readonly Meter meter = new(TelemetryNames.Meter, "1.0");
    private static readonly Counter<long> syncRuns = meter.CreateCounter<long>(TelemetryNames.SyncRuns);
    private static readonly Histogram<double> syncDuration = meter.CreateHistogram<double>(TelemetryNames.SyncDuration, "s");
    private static readonly Counter<long> syncRecords = meter.CreateCounter<long>(TelemetryNames.SyncRecords);
    private static readonly Counter<long> syncPages = meter.CreateCounter<long>(TelemetryNames.SyncPages);
    private static readonly Counter<long> syncRetries = meter.CreateCounter<long>(TelemetryNames.SyncRetries);
    private static readonly Counter<long> syncErrors = meter.CreateCounter<long>(TelemetryNames.SyncErrors);
    private static readonly Counter<long> syncQuarantined = meter.CreateCounter<long>(TelemetryNames.SyncQuarantined);
    private static readonly Gauge<double> checkpointLag = meter.CreateGauge<double>(TelemetryNames.CheckpointLag, "s");
    private static readonly Gauge<int> circuitState = meter.CreateGauge<int>(TelemetryNames.CircuitState);
    private static readonly Counter<long> reconcileRuns = meter.CreateCounter<long>(TelemetryNames.ReconcileRuns);
    private static readonly Gauge<double> kpiValue = meter.CreateGauge<double>(TelemetryNames.KpiValue);
    private static readonly Gauge<long> findingsOpen = meter.CreateGauge<long>(TelemetryNames.FindingsOpen);
    private static readonly Counter<long> timerRuns = meter.CreateCounter<long>(TelemetryNames.TimerRuns);
    private static readonly Counter<long> apiResponses = meter.CreateCounter<long>(TelemetryNames.ApiResponses);
    private static readonly Counter<long> runsPoisoned = meter.CreateCounter<long>(TelemetryNames.RunsPoisoned);
    private static readonly Counter<long> runsAbandoned = meter.CreateCounter<long>(TelemetryNames.RunsAbandoned);

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    public static void SyncEnded(RunRecord run, IReadOnlyList<StreamResult> streams, int circuit, double? lagSeconds)
    {
        var source = Tag(TelemetryNames.Dimensions.Source, run.Source);
        var outcome = Tag(TelemetryNames.Dimensions.Outcome, run.Status);
        var failedStreams = streams.Count(s => s.Outcome == Outcomes.Failed);
        syncRuns.Add(1, source, outcome, Tag(TelemetryNames.Dimensions.StreamsFailed, failedStreams == 0 ? "none" : failedStreams == streams.Count ? "all" : "some"));
        syncDuration.Record(run.DurationMs / 1000.0, source, outcome);
        syncRecords.Add(run.Records, source);
        syncPages.Add(run.Pages, source);
        syncRetries.Add(run.Retries, source);
        foreach (var stream in streams)
        {
            if (stream.Outcome == Outcomes.Failed) syncErrors.Add(1, source, Tag(TelemetryNames.Dimensions.ErrorKind, stream.ErrorKind ?? "Other"));
            if (stream.Quarantined > 0) syncQuarantined.Add(stream.Quarantined, source, Tag(TelemetryNames.Dimensions.Stream, stream.Stream));
        }
        circuitState.Record(circuit, Tag(TelemetryNames.Dimensions.System, run.Source));
        if (lagSeconds is { } lag) checkpointLag.Record(lag, source);
    }

    public static void ReconcileEnded(string outcome, string mode) =>
        reconcileRuns.Add(1, Tag(TelemetryNames.Dimensions.Outcome, outcome), Tag(TelemetryNames.Dimensions.Mode, mode));

    public static void Kpi(string kpi, string period, double value, bool? met) =>
        kpiValue.Record(value, Tag(TelemetryNames.Dimensions.Kpi, kpi), Tag(TelemetryNames.Dimensions.Period, period),
            Tag(TelemetryNames.Dimensions.Met, met switch { true => "true", false => "false", _ => "unknown" }));

    public static void OpenFindings(string rule, long count) => findingsOpen.Record(count, Tag(TelemetryNames.Dimensions.Rule, rule));

    public static void TimerRan(string function, string outcome) =>
        timerRuns.Add(1, Tag(TelemetryNames.Dimensions.Function, function), Tag(TelemetryNames.Dimensions.Outcome, outcome));

    public static void RunPoisoned(string source) => runsPoisoned.Add(1, Tag(TelemetryNames.Dimensions.Source, source));

    public static void RunAbandoned(string source) => runsAbandoned.Add(1, Tag(TelemetryNames.Dimensions.Source, source));

    public static void ApiAnswered(int status) => apiResponses.Add(1, Tag(TelemetryNames.Dimensions.StatusClass, $"{status / 100}xx"));
}
