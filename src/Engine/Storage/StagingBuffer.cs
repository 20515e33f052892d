using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// One flush of a staging stream, held compressed, one <see cref="StagedRowsWriter"/> per bucket.
/// Flushes are made large on purpose: every staged blob is later deleted one by one, and the
/// emulator's cost per blob delete grows with the number of blobs it holds (docs/storage.md).
/// </summary>
public sealed class StagingBuffer : IDisposable
{
    private readonly SortedDictionary<string, StagedRowsWriter> buckets = new(StringComparer.Ordinal);

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    /// <summary>The buckets with rows, each with its blob being built.</summary>
    public IEnumerable<KeyValuePair<string, StagedRowsWriter>> Buckets => buckets;

    public void Add(TableEntity row)
    {
        if (!buckets.TryGetValue(row.PartitionKey, out var writer)) buckets[row.PartitionKey] = writer = new StagedRowsWriter();
        writer.Append(row);
        Count++;
    }

    public void Dispose()
    {
        foreach (var writer in buckets.Values) writer.Dispose();
    }
}
