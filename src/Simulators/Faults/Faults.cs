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

/// <summary>The fault kind drawn for one request.</summary>
public enum FaultKind { None, Drop, Timeout, Error, Throttle, Malformed }

/// <summary>Current fault settings per system, and a seeded draw per request so a run can be repeated.</summary>
public sealed class FaultState
{
    public static readonly IReadOnlyList<string> Systems = ["portal", "lgsp", "motcua"];

    private readonly Dictionary<string, FaultSettings> settings = new();
    private readonly Dictionary<string, Random> draws = new();
    private readonly Lock gate = new();

    public FaultState(long seed, IReadOnlyDictionary<string, FaultSettings>? initial = null)
    {
        for (var i = 0; i < Systems.Count; i++)
        {
            var system = Systems[i];
            settings[system] = initial?.GetValueOrDefault(system) ?? new FaultSettings();
            settings[system].Validate(system);
            draws[system] = new Random(unchecked((int)(seed * 31 + i)));
        }
    }

    /// <summary>Raised when sessions and tokens issued so far must stop working at once.</summary>
    public event Action<string>? ExpireSessions;

    public FaultSettings Get(string system)
    {
        lock (gate) return settings[system];
    }

    public IReadOnlyDictionary<string, FaultSettings> All()
    {
        lock (gate) return new Dictionary<string, FaultSettings>(settings);
    }

    public void Set(string system, FaultSettings value, bool expireSessionsNow)
    {
        if (!settings.ContainsKey(system)) throw new ArgumentException($"Unknown system '{system}'.");
        value.Validate(system);
        lock (gate) settings[system] = value;
        if (expireSessionsNow) ExpireSessions?.Invoke(system);
    }

    public FaultKind Draw(string system)
    {
        lock (gate)
        {
            var s = settings[system];
            var total = s.DropRate + s.TimeoutRate + s.ErrorRate + s.ThrottleRate + s.MalformedRate;
            if (total <= 0) return FaultKind.None;
            var u = draws[system].NextDouble();
            if ((u -= s.DropRate) < 0) return FaultKind.Drop;
            if ((u -= s.TimeoutRate) < 0) return FaultKind.Timeout;
            if ((u -= s.ErrorRate) < 0) return FaultKind.Error;
            if ((u -= s.ThrottleRate) < 0) return FaultKind.Throttle;
            if ((u -= s.MalformedRate) < 0) return FaultKind.Malformed;
            return FaultKind.None;
        }
    }
}

/// <summary>Body of POST /_sim/faults: new settings for the systems named, optionally expiring live sessions.</summary>
public sealed record FaultUpdate(
    [property: JsonPropertyName("portal")] FaultSettings? Portal,
    [property: JsonPropertyName("lgsp")] FaultSettings? Lgsp,
    [property: JsonPropertyName("motcua")] FaultSettings? Motcua,
    [property: JsonPropertyName("expireSessions")] bool ExpireSessions = false);
