namespace IntegrationHub.Engine.Sync;

/// <summary>A retry's outcome and what to tell the admin.</summary>
public sealed record QuarantineRetryResult(QuarantineRetryOutcome Outcome, string Message);
