namespace IntegrationHub.Engine.Sync;

/// <summary>One stream of an upstream system: <see cref="IncrementalFeed"/> or <see cref="SnapshotFeed"/>.</summary>
public abstract record Feed(string Stream);
