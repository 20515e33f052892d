namespace IntegrationHub.Engine.Sync;

/// <summary>How one stream of a run ended, and how many of its records were quarantined.</summary>
public sealed record StreamResult(string Stream, string Outcome, long Records, long Pages, string? ErrorKind = null, string? Error = null, long Quarantined = 0);
