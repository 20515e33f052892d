namespace IntegrationHub.Simulators.Data;

/// <summary>One discrepancy the hub is expected to find.</summary>
public sealed record ManifestEntry(string Rule, string Agency, string Subject);
