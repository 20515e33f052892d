namespace IntegrationHub.Engine.Storage;

/// <summary>One agency-month of a counters snapshot (<see cref="CounterStore.SaveSnapshotAsync"/>): the cells of a <see cref="CounterRow"/>.</summary>
public sealed record CounterSnapshotEntry(string Agency, string Month, Dictionary<string, long[]> Kpis, Dictionary<string, long[]> Activity);
