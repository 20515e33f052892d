namespace IntegrationHub.Engine.Sync;

/// <summary>An explicit time window to backfill (inclusive start, exclusive end).</summary>
public sealed record SyncWindow(DateTimeOffset From, DateTimeOffset To);
