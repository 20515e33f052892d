namespace IntegrationHub.Simulators.Data;

/// <summary>An application registered in LGSP.</summary>
public sealed record ApplicationInfo(
    string Id, string Name, string AgencyCode, bool SharesData, bool Connected, TimeSpan? LastSeenAgo, string? Plant);
