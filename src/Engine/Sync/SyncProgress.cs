namespace IntegrationHub.Engine.Sync;

/// <summary>Progress of a long run, for a CLI that shows it.</summary>
public sealed record SyncProgress(string Stream, long Records, long Pages);
