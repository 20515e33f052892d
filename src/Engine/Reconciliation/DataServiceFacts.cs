namespace IntegrationHub.Engine.Reconciliation;

/// <summary>An LGSP data service with its traffic over the failure window.</summary>
public sealed record DataServiceFacts(string Code, string Owner, bool National, string Status, long Requests, long Failures);
