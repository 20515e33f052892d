using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>Where a stream is: the watermark of its last complete pass and, mid-pass, where to resume.</summary>
public sealed class Checkpoint : ITableEntity
{
    public string PartitionKey { get; set; } = "checkpoint";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Everything changed before this is stored (the next pass starts here, less the overlap).</summary>
    public DateTimeOffset? Watermark { get; set; }
    /// <summary>Mid-pass: the upstream cursor or page number to continue from.</summary>
    public string? Resume { get; set; }
    /// <summary>Mid-pass: the pass's lower bound (updatedSince / tuNgay).</summary>
    public DateTimeOffset? PassFrom { get; set; }
    /// <summary>Mid-pass: the pass's upper bound, the watermark once the pass completes.</summary>
    public DateTimeOffset? PassTo { get; set; }
}

/// <summary>
/// Checkpoints as single rows replaced with their ETag: two runs of one stream cannot both advance
/// it, and a checkpoint only moves after the data it covers is stored.
/// </summary>
public sealed class CheckpointStore(HubStorage storage)
{
    private TableClient Table => storage.Table(HubStorage.State);

    public async Task<Checkpoint> GetAsync(string stream, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<Checkpoint>("checkpoint", stream, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : new Checkpoint { RowKey = stream };
    }

    /// <summary>Saves and returns the new ETag; fails with 412 if another run moved it meanwhile.</summary>
    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var response = checkpoint.ETag == default
            ? await Table.AddEntityAsync(checkpoint, cancellationToken)
            : await Table.UpdateEntityAsync(checkpoint, checkpoint.ETag, TableUpdateMode.Replace, cancellationToken);
        checkpoint.ETag = response.Headers.ETag ?? default;
    }
}

/// <summary>One run of a source sync or of the reconciliation, as ICT staff and alerts read it.</summary>
public sealed class RunRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "run";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Source { get; set; } = "";
    public string Status { get; set; } = "Running";
    public DateTimeOffset Started { get; set; }
    public DateTimeOffset? Ended { get; set; }
    public long Records { get; set; }
    public long Pages { get; set; }
    public long Retries { get; set; }
    public long DurationMs { get; set; }
    public long StorageOperations { get; set; }
    public string? ErrorKind { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? WindowFrom { get; set; }
    public DateTimeOffset? WindowTo { get; set; }
    /// <summary>Per-stream details as JSON: name, outcome, records, pages, error.</summary>
    public string? Streams { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => RowKey;
}

/// <summary>Run records, newest first (the row key is the inverted start time plus a random suffix).</summary>
public sealed class RunStore(HubStorage storage)
{
    private TableClient Table => storage.Table(HubStorage.Runs);

    /// <summary>
    /// A new run id, newest first. Ordered by the machine's clock, not the business clock: runs are
    /// operational events, and a pinned rehearsal clock must not shuffle them.
    /// </summary>
    public static string NewId()
    {
        var ticks = TimeProvider.System.GetUtcNow().UtcTicks;
        lock (IdGate)
        {
            // Strictly decreasing even for two runs started in the same tick.
            lastTicks = ticks = Math.Max(ticks, lastTicks + 1);
        }
        return (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 4).ToLowerInvariant();
    }

    private static readonly Lock IdGate = new();
    private static long lastTicks;

    public Task SaveAsync(RunRecord run, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(run, TableUpdateMode.Replace, cancellationToken);

    public async Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<RunRecord>("run", id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<List<RunRecord>> LatestAsync(int count, CancellationToken cancellationToken)
    {
        var runs = new List<RunRecord>();
        await foreach (var run in Table.QueryAsync<RunRecord>(r => r.PartitionKey == "run", maxPerPage: Math.Min(count, 1000), cancellationToken: cancellationToken))
        {
            runs.Add(run);
            if (runs.Count == count) break;
        }
        return runs;
    }

    public static string StreamsJson(IEnumerable<object> streams) => JsonSerializer.Serialize(streams, JsonSerializerOptions.Web);

    /// <summary>A reconciliation run's mode (Full, Incremental, Republish) from its Streams, or "" when it has none.</summary>
    public static string ModeOf(RunRecord run)
    {
        if (string.IsNullOrEmpty(run.Streams)) return "";
        using var streams = JsonDocument.Parse(run.Streams);
        return streams.RootElement.ValueKind == JsonValueKind.Array && streams.RootElement.GetArrayLength() > 0
            && streams.RootElement[0].TryGetProperty("mode", out var mode) ? mode.GetString() ?? "" : "";
    }
}

/// <summary>
/// Who is running a source now: a row taken with If-None-Match, renewed while the run lives,
/// released with its ETag, taken over once expired (its holder died). Leases run on the machine's
/// clock, not the business clock: a pinned rehearsal clock must not keep a dead run's lease alive.
/// </summary>
public sealed class LeaseStore(HubStorage storage)
{
    private static readonly TimeProvider time = TimeProvider.System;

    private TableClient Table => storage.Table(HubStorage.State);

    /// <summary>The lease a sync of <paramref name="source"/> holds: one run per source at a time.</summary>
    public static string SyncLease(string source) => "sync-" + source;

    /// <summary>The lease a reconciliation holds: one at a time.</summary>
    public const string ReconcileLease = "reconcile";

    /// <summary>Takes the lease, or returns null while another live run holds it.</summary>
    public async Task<TableEntity?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var lease = new TableEntity("lease", name) { ["Holder"] = holder, ["Expires"] = time.GetUtcNow() + duration };
        try
        {
            var added = await Table.AddEntityAsync(lease, cancellationToken);
            lease.ETag = added.Headers.ETag ?? default;
            return lease;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>("lease", name, cancellationToken: cancellationToken);
            if (current.HasValue && current.Value!.GetDateTimeOffset("Expires") > time.GetUtcNow()) return null;
            try
            {
                var replaced = current.HasValue
                    ? await Table.UpdateEntityAsync(lease, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await Table.AddEntityAsync(lease, cancellationToken);
                lease.ETag = replaced.Headers.ETag ?? default;
                return lease;
            }
            catch (RequestFailedException race) when (race.Status is 409 or 412)
            {
                return null;
            }
        }
    }

    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken) => (await CurrentAsync(name, cancellationToken))?.Holder;

    /// <summary>Who holds the lease and until when; null when it is free (never taken, released or lapsed).</summary>
    public async Task<LeaseHolder?> CurrentAsync(string name, CancellationToken cancellationToken)
    {
        var current = await Table.GetEntityIfExistsAsync<TableEntity>("lease", name, cancellationToken: cancellationToken);
        return current.HasValue && current.Value!.GetDateTimeOffset("Expires") is { } expires && expires > time.GetUtcNow()
            ? new LeaseHolder(current.Value.GetString("Holder") ?? "", expires)
            : null;
    }

    /// <summary>Keeps the lease alive until disposed: renews it every third of its duration.</summary>
    public IAsyncDisposable KeepAlive(TableEntity lease, TimeSpan duration)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(duration / 3, stop.Token);
                    lease["Expires"] = time.GetUtcNow() + duration;
                    var renewed = await Table.UpdateEntityAsync(lease, lease.ETag, TableUpdateMode.Replace, stop.Token);
                    lease.ETag = renewed.Headers.ETag ?? default;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (RequestFailedException)
                {
                    // Lost it (taken over after a stall) or storage hiccup: the next renewal tries again.
                }
            }
        });
        return new Heartbeat(stop, loop);
    }

    private sealed class Heartbeat(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }

    public async Task ReleaseAsync(TableEntity lease, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(lease.PartitionKey, lease.RowKey, lease.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over after it expired: the new holder owns it now.
        }
    }
}

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
