using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Where a first load or a backfill puts dossier records instead of merging them into the Dossiers
/// tables: one blob per bucket and flush (<c>{bucket}/{ticks}-{sequence}-{stream}-{run}.json.gz</c>
/// in the container <c>{prefix}-staging</c>). The full reconciliation joins a bucket's staged
/// records with its stored rows and writes each dossier once, already evaluated, then deletes the
/// blobs it applied. Blobs of one bucket are applied in name order, which is the order they were
/// written in (the machine's clock, then a sequence number within the process).
/// </summary>
public sealed class DossierStaging(HubStorage storage)
{
    private static long sequence;

    private BlobContainerClient Container => storage.Staging;

    /// <summary>Stores a flush, one blob per bucket; returns when all are durable.</summary>
    public async Task StageAsync(string stream, string runId, StagingBuffer flush, int parallelism, CancellationToken cancellationToken)
    {
        // Machine time orders the flushes of successive runs (a rehearsal pins the hub's own clock).
        var stamp = TimeProvider.System.GetUtcNow().UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-"
            + Interlocked.Increment(ref sequence).ToString("D9", CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(flush.Buckets,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (bucket, ct) =>
            {
                var name = $"{bucket.Key}/{stamp}-{stream}-{runId}.json.gz";
                await Container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bucket.Value.ToArray()), overwrite: true, ct);
            });
    }

    /// <summary>The staged blobs of one bucket, in the order they must be applied.</summary>
    public async Task<List<string>> ListAsync(string bucket, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = bucket + "/" }, cancellationToken)) names.Add(blob.Name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Reads the blobs in order and merges their rows per dossier code, later columns winning.</summary>
    public async Task<Dictionary<string, TableEntity>> ReadMergedAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var download = await Container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            foreach (var row in StagedRows.Read(content))
            {
                if (merged.TryGetValue(row.RowKey, out var existing)) StagedRows.MergeInto(existing, row);
                else merged[row.RowKey] = row;
            }
        }
        return merged;
    }

    public async Task DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names) await Container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
    }
}
