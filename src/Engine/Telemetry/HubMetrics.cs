using System.Diagnostics.Metrics;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Telemetry;

/// <summary>
/// The one registry of telemetry names: every metric and dimension the hub emits, and so every name
/// an alert rule may query (infra/modules/alerts.bicep is checked against this list by a test).
/// In Azure Monitor they arrive as AppMetrics rows: Name, Sum/Min/Max, Properties (the dimensions).
/// </summary>
public static class TelemetryNames
{
    public const string Meter = "IntegrationHub";

    /// <summary>Counter: a sync run ended. Dimensions: source, outcome.</summary>
    public const string SyncRuns = "hub.sync.runs";
    /// <summary>Histogram, seconds. Dimensions: source, outcome.</summary>
    public const string SyncDuration = "hub.sync.duration";
    /// <summary>Counter: records read. Dimensions: source.</summary>
    public const string SyncRecords = "hub.sync.records";
    /// <summary>Counter: pages read. Dimensions: source.</summary>
    public const string SyncPages = "hub.sync.pages";
    /// <summary>Counter: upstream calls retried. Dimensions: source.</summary>
    public const string SyncRetries = "hub.sync.retries";
    /// <summary>Counter: failed streams. Dimensions: source, error_kind.</summary>
    public const string SyncErrors = "hub.sync.errors";
    /// <summary>Gauge, seconds: how far the source's data is behind now (its watermark's age). Dimensions: source.</summary>
    public const string CheckpointLag = "hub.sync.checkpoint_lag";
    /// <summary>Gauge: 0 closed, 1 open, 2 half-open. Dimensions: system.</summary>
    public const string CircuitState = "hub.upstream.circuit";
    /// <summary>Counter: a reconciliation ended. Dimensions: outcome, mode.</summary>
    public const string ReconcileRuns = "hub.reconcile.runs";
    /// <summary>Gauge: a province KPI for the current year (or the catalogue now). Dimensions: kpi, period, met.</summary>
    public const string KpiValue = "hub.kpi.value";
    /// <summary>Gauge: open findings. Dimensions: rule.</summary>
    public const string FindingsOpen = "hub.findings.open";
    /// <summary>Counter: a timer function ran (the dead-timer alert watches it). Dimensions: function, outcome.</summary>
    public const string TimerRuns = "hub.timer.runs";
    /// <summary>Counter: an API answer. Dimensions: status_class (2xx, 3xx, 4xx, 5xx).</summary>
    public const string ApiResponses = "hub.api.responses";

    public static readonly IReadOnlyList<string> Metrics =
    [
        SyncRuns, SyncDuration, SyncRecords, SyncPages, SyncRetries, SyncErrors, CheckpointLag, CircuitState,
        ReconcileRuns, KpiValue, FindingsOpen, TimerRuns, ApiResponses,
    ];

    public static class Dimensions
    {
        public const string Source = "source";
        public const string Outcome = "outcome";
        public const string ErrorKind = "error_kind";
        public const string System = "system";
        public const string Mode = "mode";
        public const string Kpi = "kpi";
        public const string Period = "period";
        public const string Met = "met";
        public const string Rule = "rule";
        public const string Function = "function";
        public const string StatusClass = "status_class";

        public static readonly IReadOnlyList<string> All = [Source, Outcome, ErrorKind, System, Mode, Kpi, Period, Met, Rule, Function, StatusClass];
    }
}

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
    private static readonly Gauge<double> checkpointLag = meter.CreateGauge<double>(TelemetryNames.CheckpointLag, "s");
    private static readonly Gauge<int> circuitState = meter.CreateGauge<int>(TelemetryNames.CircuitState);
    private static readonly Counter<long> reconcileRuns = meter.CreateCounter<long>(TelemetryNames.ReconcileRuns);
    private static readonly Gauge<double> kpiValue = meter.CreateGauge<double>(TelemetryNames.KpiValue);
    private static readonly Gauge<long> findingsOpen = meter.CreateGauge<long>(TelemetryNames.FindingsOpen);
    private static readonly Counter<long> timerRuns = meter.CreateCounter<long>(TelemetryNames.TimerRuns);
    private static readonly Counter<long> apiResponses = meter.CreateCounter<long>(TelemetryNames.ApiResponses);

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    public static void SyncEnded(RunRecord run, IEnumerable<(string? ErrorKind, bool Failed)> streams, int circuit, double? lagSeconds)
    {
        var source = Tag(TelemetryNames.Dimensions.Source, run.Source);
        var outcome = Tag(TelemetryNames.Dimensions.Outcome, run.Status);
        syncRuns.Add(1, source, outcome);
        syncDuration.Record(run.DurationMs / 1000.0, source, outcome);
        syncRecords.Add(run.Records, source);
        syncPages.Add(run.Pages, source);
        syncRetries.Add(run.Retries, source);
        foreach (var (kind, failed) in streams)
        {
            if (failed) syncErrors.Add(1, source, Tag(TelemetryNames.Dimensions.ErrorKind, kind ?? "Other"));
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

    public static void ApiAnswered(int status) => apiResponses.Add(1, Tag(TelemetryNames.Dimensions.StatusClass, $"{status / 100}xx"));
}
