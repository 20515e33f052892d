using System.Globalization;
using IntegrationHub.Engine.Connectors;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Ends a stream whose upstream would page without end: a cursor handed out twice in one run (stuck,
/// or looping back), or more pages than <see cref="SyncOptions.MaxPagesPerRun"/> (a "more" flag that
/// never clears). The stream fails with a clear error; its checkpoint stays at the last page stored.
/// </summary>
public sealed class PagingGuard(string stream, int maxPages)
{
    private readonly HashSet<string> given = new(StringComparer.Ordinal);
    private int pages;

    /// <summary>A page was read at <paramref name="current"/> (null: the first) and points to <paramref name="next"/> (null: the last).</summary>
    public void Check(string? current, string? next)
    {
        if (++pages > maxPages)
        {
            throw new UpstreamException(stream, ErrorKind.Protocol, string.Create(CultureInfo.InvariantCulture,
                $"more than {maxPages} pages in one run (Sync__MaxPagesPerRun): paging stopped at the last page stored."));
        }
        if (current is not null) given.Add(current);
        if (next is not null && !given.Add(next))
        {
            throw new UpstreamException(stream, ErrorKind.Protocol,
                "the upstream handed out a cursor it had already given in this run (stuck or looping): paging stopped at the last page stored.");
        }
    }
}
