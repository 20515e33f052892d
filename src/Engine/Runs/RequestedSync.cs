namespace IntegrationHub.Engine.Runs;

/// <summary>A source to sync within a <see cref="RunRequest"/>, and the id of its run record.</summary>
public sealed record RequestedSync(string Source, string RunId);
