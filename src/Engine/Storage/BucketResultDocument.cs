namespace IntegrationHub.Engine.Storage;

/// <summary>A <see cref="Reconciliation.BucketResult"/> as stored by <see cref="BucketResultStore"/>: findings as their text form (<see cref="Reconciliation.FindingKey"/>).</summary>
public sealed record BucketResultDocument(
    string Partition, long Evaluated, string Worker, List<CounterSnapshotEntry> Counters, List<string> Current, List<string> Confirmed);
