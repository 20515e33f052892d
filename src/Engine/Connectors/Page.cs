namespace IntegrationHub.Engine.Connectors;

/// <summary>One page of a source: its items, the token for the next page (null at the end), and the raw bytes.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, DateTimeOffset? AsOf, byte[]? Raw);
