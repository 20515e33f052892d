using System.Collections.Concurrent;

namespace IntegrationHub.Functions.Api;

/// <summary>
/// What the API serves, kept per instance for a few seconds (<see cref="ApiOptions.CacheSeconds"/>):
/// the hub's data changes when a sync or reconciliation ends, every few minutes, while agencies may
/// poll hundreds of times a second. One load per key and period, however many callers ask at once
/// (they share the load's task); a load that failed is not kept. On the machine's clock, not the
/// business clock (a pinned rehearsal clock would keep entries for ever). Bounded: past
/// <see cref="MaxEntries"/> keys (callers choosing query strings) it starts again empty.
/// </summary>
public sealed class TimedCache<T>(TimeSpan lifetime, TimeProvider clock)
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero) return await load(cancellationToken);
        var now = clock.GetTimestamp();
        if (entries.TryGetValue(key, out var entry) && clock.GetElapsedTime(entry.LoadedAt, now) < lifetime && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        if (entries.Count >= MaxEntries) entries.Clear();
        // Not cancelled by this caller: others may be waiting on the same load.
        var fresh = new Entry(now, load(CancellationToken.None));
        var kept = entries.AddOrUpdate(key, fresh, (_, old) => old.LoadedAt == entry?.LoadedAt && ReferenceEquals(old.Value, entry?.Value) ? fresh : old);
        try
        {
            return await kept.Value.WaitAsync(cancellationToken);
        }
        catch when (kept.Value.IsFaulted || kept.Value.IsCanceled)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, kept));
            throw;
        }
    }

    /// <summary>Forgets everything (a change this instance made itself, such as a revoked key).</summary>
    public void Clear() => entries.Clear();

    private sealed record Entry(long LoadedAt, Task<T> Value);
}
