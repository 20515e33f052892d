using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// One agency-month of counters as stored in a blob: the cells of a <see cref="CounterRow"/>. The
/// counters snapshot (<see cref="CounterStore.SaveSnapshotAsync"/>) and a bucket's result
/// (<see cref="BucketResultStore"/>) are lists of them.
/// </summary>
public sealed record CounterSnapshotEntry(string Agency, string Month, Dictionary<string, long[]> Kpis, Dictionary<string, long[]> Activity)
{
    public static IEnumerable<CounterSnapshotEntry> From(CounterSet set) =>
        set.Cells.Select(c => new CounterSnapshotEntry(c.Key.Agency, c.Key.Month, c.Value.Kpis, c.Value.Activity));

    /// <summary>Sets the entry's agency-month in <paramref name="set"/> to the entry's sums.</summary>
    public void CopyTo(CounterSet set)
    {
        var cell = set[Agency, Month];
        foreach (var (kpi, sums) in Kpis) cell.Kpis[kpi] = sums;
        foreach (var (procedure, slots) in Activity) cell.Activity[procedure] = slots;
    }
}
