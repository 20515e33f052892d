using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>What a pass found: evaluated dossiers, the counters, and (full pass) every current finding.</summary>
public sealed class PassResult
{
    public long Evaluated;
    /// <summary>Full pass: the absolute counters. Incremental pass: the deltas it applied.</summary>
    public CounterSet Counters = new();
    /// <summary>Full pass only: every finding in existence, for resolving those gone.</summary>
    public Dictionary<FindingKey, FindingEntity>? AllFindings;
}
