using System.IO.Compression;

namespace IntegrationHub.Engine.Storage;

/// <summary>Raw pages, gzip, in Blob Storage: {stream}/{yyyy-MM-dd}/{run}/{page}.json.gz, for audit and replay.</summary>
public sealed class RawArchive(HubStorage storage)
{
    public static string NameOf(string stream, DateTimeOffset day, string runId, long page) =>
        $"{stream}/{VietnamTime.Date(day):yyyy-MM-dd}/{runId}/{page:D6}.json.gz";

    public async Task SaveAsync(string stream, DateTimeOffset now, string runId, long page, byte[] body, CancellationToken cancellationToken)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(body, cancellationToken);
        }
        compressed.Position = 0;
        await storage.Blobs.GetBlobClient(NameOf(stream, now, runId, page)).UploadAsync(compressed, overwrite: true, cancellationToken);
    }
}
