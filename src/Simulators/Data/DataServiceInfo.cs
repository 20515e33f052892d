namespace IntegrationHub.Simulators.Data;

/// <summary>A data service in the LGSP catalogue.</summary>
public sealed record DataServiceInfo(
    int Ordinal, string Code, string Name, bool National, string Status, string OwnerAgencyCode,
    IReadOnlyList<string> Consumers, string? Plant);
