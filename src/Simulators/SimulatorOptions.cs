using IntegrationHub.Simulators.Data;

namespace IntegrationHub.Simulators;

/// <summary>What the simulated province looks like and how the three systems let callers in.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Same seed and sizes give the same bytes on every machine.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Dossiers received between <see cref="DataStart"/> and the initial clock; more arrive as the clock advances.</summary>
    public int Dossiers { get; set; } = 20_000;

    public int Procedures { get; set; } = 2_000;

    /// <summary>Probability that an entity (dossier, procedure, application, data service) carries one planted discrepancy.</summary>
    public double PlantRate { get; set; } = 0.02;

    public DateTimeOffset DataStart { get; set; } = VietnamTime.At(2024, 1, 1);

    /// <summary>The initial simulated clock; dossiers are spread evenly from <see cref="DataStart"/> to it.</summary>
    public DateTimeOffset InitialNow { get; set; } = VietnamTime.At(2026, 1, 1);

    /// <summary>Cross-system rules judge an item only once it is older than this (the portal sync lag stays below it).</summary>
    public double GraceHours { get; set; } = 24;

    public string PortalUsername { get; set; } = "hub";
    public string PortalPassword { get; set; } = "hub-portal-secret";
    /// <summary>Unit codes (dstcode / madonvi) the portal accepts.</summary>
    public string PortalUnitCodes { get; set; } = "000.00.00.H10,000.00.00.H38";
    public int PortalSessionTtlSeconds { get; set; } = 1800;

    public string LgspClientId { get; set; } = "hub";
    public string LgspClientSecret { get; set; } = "hub-lgsp-secret";
    public int LgspTokenTtlSeconds { get; set; } = 3600;
    /// <summary>Comma-separated client IP addresses LGSP accepts; empty accepts any (error 101 otherwise).</summary>
    public string LgspAllowedClients { get; set; } = "";

    public string MotcuaApiKey { get; set; } = "hub-motcua-key";

    public TimeSpan Grace => TimeSpan.FromHours(GraceHours);

    public void Validate()
    {
        if (Dossiers < 1) throw new ArgumentException("--dossiers must be at least 1.");
        if (Procedures < 20) throw new ArgumentException("--procedures must be at least 20.");
        if (PlantRate is < 0 or > 1) throw new ArgumentException("--plant-rate must be between 0 and 1.");
        if (InitialNow <= DataStart) throw new ArgumentException("The initial clock must be after the data start.");
        if (GraceHours < 3) throw new ArgumentException("--grace-hours must be at least 3 (above the portal sync lag).");
    }
}
