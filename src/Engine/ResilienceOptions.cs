using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

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
    /// <summary>The largest answer read (a page of 2,000 dossiers is about 2 MB); a larger one fails its stream as a protocol error.</summary>
    [Range(1024, 1L << 32)] public long MaxResponseBytes { get; set; } = 64L << 20;
}
