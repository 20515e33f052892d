namespace IntegrationHub.Engine.Sync;

/// <summary>How one stream of a run ended.</summary>
public sealed record StreamResult(string Stream, string Outcome, long Records, long Pages, string? ErrorKind = null, string? Error = null);
