namespace IntegrationHub.Functions.Health;

/// <summary>Reachability of the storage services the hub depends on.</summary>
public sealed record StorageHealth(string Tables, string Blobs);
