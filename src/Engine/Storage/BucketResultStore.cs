using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The results of the buckets of a full reconciliation cut into work items, until the item that
/// finishes the run reads them all: one compressed blob per run and bucket,
/// <c>reconcile/runs/{run}/{bucket}.json.gz</c> in the staging container (whose lifecycle rule
/// removes what a run that never finished left). A bucket whose result is stored is done: an item
/// delivered again skips it.
/// </summary>
public sealed class BucketResultStore(HubStorage storage)
{
    private BlobContainerClient Container => storage.Staging;

    private static string Folder(string runId) => $"reconcile/runs/{runId}/";

    private static string Name(string runId, string partition) => Folder(runId) + partition + ".json.gz";

    public async Task SaveAsync(string runId, BucketResult result, CancellationToken cancellationToken)
    {
        var document = new BucketResultDocument(result.Partition, result.Evaluated, result.Worker, [.. CounterSnapshotEntry.From(result.Counters)],
            [.. result.Current.Select(f => f.ToString())], [.. result.Confirmed.Select(f => f.ToString())]);
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, document, cancellationToken: cancellationToken);
        }
        buffer.Position = 0;
        await Container.GetBlobClient(Name(runId, result.Partition)).UploadAsync(buffer, overwrite: true, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string runId, string partition, CancellationToken cancellationToken) =>
        await Container.GetBlobClient(Name(runId, partition)).ExistsAsync(cancellationToken);

    /// <summary>The stored result of a bucket, or null if it has none.</summary>
    public async Task<BucketResult?> ReadAsync(string runId, string partition, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Container.GetBlobClient(Name(runId, partition)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            await using var gzip = new GZipStream(content, CompressionMode.Decompress);
            var document = await JsonSerializer.DeserializeAsync<BucketResultDocument>(gzip, cancellationToken: cancellationToken)
                ?? throw new InvalidDataException($"The result of bucket {partition} of run {runId} is empty.");
            var result = new BucketResult { Partition = document.Partition, Evaluated = document.Evaluated, Worker = document.Worker };
            foreach (var entry in document.Counters) entry.CopyTo(result.Counters);
            result.Current.UnionWith(Evaluation.ParseFindings(string.Join('\n', document.Current)));
            result.Confirmed.UnionWith(Evaluation.ParseFindings(string.Join('\n', document.Confirmed)));
            return result;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes a run's results, once it has ended.</summary>
    public async Task DeleteAsync(string runId, CancellationToken cancellationToken)
    {
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = Folder(runId) }, cancellationToken))
        {
            await Container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}
