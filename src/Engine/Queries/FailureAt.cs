namespace IntegrationHub.Engine.Queries;

/// <summary>When a source's last failed run ended, and its error kind.</summary>
public sealed record FailureAt(DateTimeOffset? At, string? ErrorKind);
