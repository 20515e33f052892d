using System.Collections.Concurrent;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// Page-number paging over a generated stream without rescanning from the start on every page:
/// remembers where each page begins, so reading pages in order costs one page of work each.
/// </summary>
public sealed class PageCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<(string Query, int Page), long> starts = new();

    /// <summary>
    /// Reads page <paramref name="page"/> (1-based). <paramref name="scan"/> yields (position, item) in
    /// ascending position order from a given position on.
    /// </summary>
    public (List<T> Items, bool HasMore) Read<T>(
        string query, int page, int pageSize, long firstPosition, Func<long, IEnumerable<(long Position, T Item)>> scan)
    {
        var knownPage = 1;
        var start = firstPosition;
        for (var p = page; p > 1; p--)
        {
            if (starts.TryGetValue((query, p), out var s))
            {
                knownPage = p;
                start = s;
                break;
            }
        }

        var skip = (long)(page - knownPage) * pageSize;
        var items = new List<T>(Math.Min(pageSize, 1024));
        long? next = null;
        foreach (var (position, item) in scan(start))
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }
            if (items.Count == pageSize)
            {
                next = position;
                break;
            }
            items.Add(item);
        }

        if (next is { } nextStart)
        {
            if (starts.Count > MaxEntries) starts.Clear();
            starts[(query, page + 1)] = nextStart;
        }
        return (items, next is not null);
    }
}
