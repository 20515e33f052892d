using System.Collections.Concurrent;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>What a pass found: evaluated dossiers, touched counter cells, and (full pass) every current finding.</summary>
public sealed class PassResult
{
    public long Evaluated;
    public readonly ConcurrentDictionary<(string Scope, string Period), byte> TouchedScopes = new();
    public readonly ConcurrentDictionary<(string Scope, string Period), byte> TouchedActivity = new();
    /// <summary>Full pass only: the absolute counters.</summary>
    public Dictionary<(string Scope, string Period, string Key), long[]>? Counters;
    /// <summary>Full pass only: every finding in existence, for resolving those gone.</summary>
    public Dictionary<FindingKey, FindingEntity>? AllFindings;
}
