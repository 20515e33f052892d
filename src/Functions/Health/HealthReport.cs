namespace IntegrationHub.Functions.Health;

/// <summary>The health answer: overall status and each storage service's reachability.</summary>
public sealed record HealthReport(string Status, StorageHealth Storage);
