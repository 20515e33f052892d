namespace IntegrationHub.Simulators.Faults;

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
