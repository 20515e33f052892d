using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>The provincial case system: base URL and API key (section "Motcua").</summary>
public sealed class MotcuaOptions
{
    [Required, Url] public string BaseUrl { get; set; } = "";
    [Required] public string ApiKey { get; set; } = "";
    [Range(1, 5000)] public int PageSize { get; set; } = 2000;
}

/// <summary>The national portal: base URL, account and unit code (section "Portal").</summary>
public sealed class PortalOptions
{
    [Required, Url] public string BaseUrl { get; set; } = "";
    [Required] public string Username { get; set; } = "";
    [Required] public string Password { get; set; } = "";
    /// <summary>The province's unit code, sent as dstcode and madonvi.</summary>
    [Required] public string UnitCode { get; set; } = "";
    [Range(1, 5000)] public int PageSize { get; set; } = 2000;
}

/// <summary>How the hub authenticates to LGSP; provinces differ.</summary>
public enum LgspAuthScheme
{
    /// <summary>OAuth2 client credentials at {BaseUrl}/token.</summary>
    OAuthClientCredentials,
    /// <summary>App name + access key + secret key headers on every call.</summary>
    AccessKey,
}

/// <summary>LGSP: base URL and credentials for the configured auth scheme (section "Lgsp").</summary>
public sealed class LgspOptions
{
    [Required, Url] public string BaseUrl { get; set; } = "";
    public LgspAuthScheme AuthScheme { get; set; } = LgspAuthScheme.OAuthClientCredentials;
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string AppName { get; set; } = "";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
}

/// <summary>Retry, timeout and circuit breaking for every upstream call (section "Resilience").</summary>
public sealed class ResilienceOptions
{
    [Range(0, 10)] public int RetryCount { get; set; } = 4;
    /// <summary>First backoff; doubles per try, with full jitter, capped at <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>A Retry-After longer than this is not waited for: the call fails and the run is Degraded.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan PerTryTimeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Consecutive failed calls (after retries) that open a system's circuit.</summary>
    [Range(1, 100)] public int BreakAfter { get; set; } = 5;
    public TimeSpan BreakFor { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Times a page that does not parse is fetched again before the stream fails.</summary>
    [Range(0, 10)] public int MalformedPageRetries { get; set; } = 3;
}

/// <summary>Incremental sync (section "Sync").</summary>
public sealed class SyncOptions
{
    /// <summary>Where the first sync of a time-windowed source starts.</summary>
    public DateTimeOffset InitialWatermark { get; set; } = new(2025, 1, 1, 0, 0, 0, VietnamTime.Offset);
    /// <summary>Each window re-reads this much before the previous watermark: upserts are idempotent, a late write is not lost.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Records buffered before a flush (and a checkpoint).</summary>
    [Range(100, 200_000)] public int FlushSize { get; set; } = 20_000;
    /// <summary>Concurrent batch writes to Table Storage.</summary>
    [Range(1, 64)] public int WriteParallelism { get; set; } = 8;
    /// <summary>Archive each raw page, gzip, to Blob Storage.</summary>
    public bool ArchiveRawPages { get; set; } = true;
    /// <summary>A run renews its lease every third of this; a lease not renewed for this long is taken over (its holder died).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Reconciliation rules and KPI targets (section "Reconciliation").</summary>
public sealed class ReconciliationOptions
{
    /// <summary>Cross-system rules judge an item only once it is older than this.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Start of the reconciliation period (PAYMENT_ENABLED_NO_TRANSACTION looks for a payment since then).</summary>
    public DateTimeOffset PeriodStart { get; set; } = new(2025, 1, 1, 0, 0, 0, VietnamTime.Offset);
    /// <summary>DATA_SERVICE_FAILING: failures over requests in the window above this share.</summary>
    [Range(0.0, 1.0)] public double FailureThreshold { get; set; } = 0.1;
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Plan targets; empty means the plan's defaults (<see cref="KpiTarget.Defaults"/>).</summary>
    public List<KpiTarget> Targets { get; set; } = [];
    /// <summary>Decision 766 groups; empty means <see cref="ScoreGroup.Defaults"/>.</summary>
    public List<ScoreGroup> ScoreGroups { get; set; } = [];

    public IReadOnlyList<KpiTarget> EffectiveTargets => Targets.Count > 0 ? Targets : KpiTarget.Defaults;
    public IReadOnlyList<ScoreGroup> EffectiveScoreGroups => ScoreGroups.Count > 0 ? ScoreGroups : ScoreGroup.Defaults;
}

/// <summary>
/// A plan target for one KPI, optionally for one level ("Province" for the province as a whole,
/// or an agency level) and for a span of months (effective-dated, inclusive "yyyy-MM").
/// </summary>
public sealed class KpiTarget
{
    [Required] public string Kpi { get; set; } = "";
    public string? Level { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public double Target { get; set; }
    /// <summary>True when lower is better (a count that must stay at or below the target).</summary>
    public bool AtMost { get; set; }

    public static readonly IReadOnlyList<KpiTarget> Defaults =
    [
        new() { Kpi = Kpis.FullOnlineCoverage, Target = 1.0 },
        new() { Kpi = Kpis.OnlineDossierRate, Target = 0.4 },
        new() { Kpi = Kpis.PaymentProceduresWithTransaction, Target = 1.0 },
        new() { Kpi = Kpis.OnlinePaymentRate, Target = 0.2 },
        new() { Kpi = Kpis.OnTimeRate, Target = 0.98 },
        new() { Kpi = Kpis.LateApologyRate, Target = 1.0 },
        new() { Kpi = Kpis.DigitisationRate, Target = 0.3 },
        new() { Kpi = Kpis.DigitisationRate, Level = "District", Target = 0.2 },
        new() { Kpi = Kpis.DigitisationRate, Level = "Commune", Target = 0.15 },
        new() { Kpi = Kpis.PortalSyncRate, Target = 1.0 },
        new() { Kpi = Kpis.ClosedBeforeResult, Target = 0, AtMost = true },
        new() { Kpi = Kpis.LgspConnectionRate, Target = 1.0 },
        new() { Kpi = Kpis.NationalServicesInUse, Target = 1.0 },
    ];
}

/// <summary>A Decision 766 group: its points and the KPIs that earn them (weights inside the group).</summary>
public sealed class ScoreGroup
{
    [Required] public string Name { get; set; } = "";
    public double Points { get; set; }
    public Dictionary<string, double> Weights { get; set; } = [];

    public static readonly IReadOnlyList<ScoreGroup> Defaults =
    [
        new() { Name = "transparency", Points = 18, Weights = new() { [Kpis.PortalSyncRate] = 1 } },
        new() { Name = "progress", Points = 20, Weights = new() { [Kpis.OnTimeRate] = 0.8, [Kpis.LateApologyRate] = 0.2 } },
        new() { Name = "digitisation", Points = 22, Weights = new() { [Kpis.DigitisationRate] = 1 } },
        new() { Name = "online_service", Points = 22, Weights = new() { [Kpis.OnlineDossierRate] = 0.6, [Kpis.OnlinePaymentRate] = 0.4 } },
        new() { Name = "satisfaction", Points = 18, Weights = new() { [Kpis.SatisfactionRate] = 1 } },
    ];
}
