using System.Text.Json.Serialization;

namespace IntegrationHub.Simulators.Faults;

/// <summary>Faults one simulated system injects. All off by default; shares are probabilities per request.</summary>
public sealed record FaultSettings
{
    /// <summary>Added to every answer.</summary>
    public int LatencyMs { get; init; }
    /// <summary>Share of requests answered 500.</summary>
    public double ErrorRate { get; init; }
    /// <summary>Share of requests answered 429 with Retry-After.</summary>
    public double ThrottleRate { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>Share of requests whose connection is dropped without an answer.</summary>
    public double DropRate { get; init; }
    /// <summary>Share of requests that hang for <see cref="TimeoutSeconds"/> and then get 504.</summary>
    public double TimeoutRate { get; init; }
    public int TimeoutSeconds { get; init; } = 100;
    /// <summary>Share of answers cut in half (invalid JSON, status 200).</summary>
    public double MalformedRate { get; init; }
    /// <summary>Lifetime of new portal sessions / LGSP tokens; null keeps the configured one.</summary>
    public int? SessionTtlSeconds { get; init; }
    /// <summary>Every request answered 503, as in a full outage.</summary>
    public bool Outage { get; init; }
    /// <summary>
    /// Share of a snapshot list answered, with 200 as if whole (LGSP applications and services): 0
    /// answers an empty list, 0.5 the first half. The answer key is unchanged: the list is wrong.
    /// </summary>
    public double ListShare { get; init; } = 1;
    /// <summary>
    /// Every list answer gains broken copies of its first record (<see cref="BadRecords"/>): no key,
    /// bad keys, a huge string, a bad date. The answer key is unchanged: the copies are not records.
    /// </summary>
    public bool BadRecords { get; init; }
    /// <summary>A page asked for with a cursor names that same cursor as the next (the case system's lists): paging would never end.</summary>
    public bool StuckCursor { get; init; }
    /// <summary>The case system's clock (<c>asOf</c>) this many hours ahead of the true one; null: true.</summary>
    public int? FutureAsOfHours { get; init; }
    /// <summary>Every answer is a 307 to another host (a hub that followed it would send its credentials there).</summary>
    public bool Redirect { get; init; }

    public void Validate(string system)
    {
        static bool Share(double v) => v is >= 0 and <= 1;
        if (!Share(ListShare)) throw new ArgumentException($"The list share for '{system}' must be in [0, 1].");
        if (!Share(ErrorRate) || !Share(ThrottleRate) || !Share(DropRate) || !Share(TimeoutRate) || !Share(MalformedRate)
            || ErrorRate + ThrottleRate + DropRate + TimeoutRate + MalformedRate > 1)
        {
            throw new ArgumentException($"Fault shares for '{system}' must each be in [0, 1] and add up to at most 1.");
        }
        if (LatencyMs < 0 || RetryAfterSeconds < 0 || TimeoutSeconds < 0 || SessionTtlSeconds < 0)
        {
            throw new ArgumentException($"Fault durations for '{system}' must not be negative.");
        }
    }
}
