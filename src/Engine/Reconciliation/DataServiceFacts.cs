namespace IntegrationHub.Engine.Reconciliation;

/// <summary>An LGSP data service with its traffic over the failure window.</summary>
public sealed record DataServiceFacts(string Code, string Owner, bool National, string Status, long Requests, long Failures)
{
    /// <summary>False when no monitoring has been synced at all: then use cannot be told from traffic.</summary>
    public bool TrafficKnown { get; init; } = true;

    /// <summary>In production use: official, and (when traffic is known) with a successful request in the window.</summary>
    public bool InUse => Status == "Official" && (!TrafficKnown || Requests - Failures > 0);
}
