namespace IntegrationHub.Engine.Telemetry;

/// <summary>
/// The one registry of telemetry names: every metric and dimension the hub emits, and so every name
/// an alert rule may query (infra/modules/alerts.bicep is checked against this list by a test).
/// In Azure Monitor they arrive as AppMetrics rows: Name, Sum/Min/Max, Properties (the dimensions).
/// </summary>
public static class TelemetryNames
{
    public const string Meter = "IntegrationHub";

    /// <summary>Counter: a sync run ended. Dimensions: source, outcome, streams_failed ("none", "some", "all").</summary>
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
    /// <summary>Counter: upstream records quarantined (they could not be stored). Dimensions: source, stream.</summary>
    public const string SyncQuarantined = "hub.sync.quarantined";
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
    /// <summary>Run requests that ended in the poison queue (counter, by source): their runs are marked Failed.</summary>
    public const string RunsPoisoned = "hub.runs.poisoned";
    /// <summary>Runs marked Abandoned because their worker died (counter, by source).</summary>
    public const string RunsAbandoned = "hub.runs.abandoned";

    public static readonly IReadOnlyList<string> Metrics =
    [
        SyncRuns, SyncDuration, SyncRecords, SyncPages, SyncRetries, SyncErrors, SyncQuarantined, CheckpointLag, CircuitState,
        ReconcileRuns, KpiValue, FindingsOpen, TimerRuns, ApiResponses, RunsPoisoned, RunsAbandoned,
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
        public const string Stream = "stream";
        /// <summary>How many of a run's streams failed: "none", "some" or "all" (a source that fails some every run makes no progress there).</summary>
        public const string StreamsFailed = "streams_failed";

        public static readonly IReadOnlyList<string> All = [Source, Outcome, ErrorKind, System, Mode, Kpi, Period, Met, Rule, Function, StatusClass, Stream, StreamsFailed];
    }
}
