namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// What the full pass found in one bucket of dossiers (<see cref="FullPass.RunBucketAsync"/>): its
/// counters, its dossiers' findings now, and which of those belong to rows it wrote. The findings are
/// opened and resolved once every bucket has its result (<see cref="FullPass.ResolveFindingsAsync"/>),
/// in the same process or, when the run is cut into work items, by the item that finishes it.
/// </summary>
public sealed class BucketResult
{
    public required string Partition { get; init; }

    public long Evaluated { get; set; }

    public CounterSet Counters { get; init; } = new();

    /// <summary>Every finding of the bucket's dossiers now.</summary>
    public HashSet<FindingKey> Current { get; init; } = [];

    /// <summary>The findings of dossiers whose row this run wrote: their last-seen time moves.</summary>
    public HashSet<FindingKey> Confirmed { get; init; } = [];

    /// <summary>The process that evaluated the bucket (<see cref="Storage.RunRecord.ThisProcess"/>).</summary>
    public string Worker { get; init; } = "";

    /// <summary>
    /// Adds another bucket's result to this one (a sum over buckets). Buckets are folded into one sum
    /// as they end: each holds counters for most agency-months, so 64 of them kept would cost 64 times
    /// the memory of the sum. Not thread-safe.
    /// </summary>
    public void Add(BucketResult other)
    {
        Evaluated += other.Evaluated;
        Counters.Add(other.Counters);
        Current.UnionWith(other.Current);
        Confirmed.UnionWith(other.Confirmed);
    }
}
