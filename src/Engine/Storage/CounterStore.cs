using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using IntegrationHub.Engine.Reconciliation;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The Counters table: the sums KPIs are made of, one row per agency and month
/// (<see cref="CounterRow"/>). A few thousand rows for a province, read whole when KPIs are published:
/// the reconciliation keeps a copy of the whole table in one compressed blob
/// (<see cref="SaveSnapshotAsync"/>), which the next run reads instead of the rows.
/// </summary>
public sealed class CounterStore(HubStorage storage, IOptions<SyncOptions> options)
{
    /// <summary>In the staging container, whose lifecycle rule removes it if no reconciliation has run for a week.</summary>
    private const string SnapshotBlob = "reconcile/counters.json.gz";
    private const string SnapshotRunMetadata = "run";

    private int Parallelism => options.Value.WriteParallelism;

    private TableClient Table => storage.Table(HubStorage.Counters);

    /// <summary>
    /// Saves <paramref name="all"/>, which must be exactly what the table holds now, as the snapshot of
    /// run <paramref name="runId"/>. The run records the id in its state only once it has ended well,
    /// so a snapshot is believed only when it belongs to the last run that ended well.
    /// </summary>
    public async Task SaveSnapshotAsync(CounterSet all, string runId, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, CounterSnapshotEntry.From(all), cancellationToken: cancellationToken);
        }
        buffer.Position = 0;
        await storage.Staging.GetBlobClient(SnapshotBlob).UploadAsync(buffer,
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { [SnapshotRunMetadata] = runId } }, cancellationToken);
    }

    /// <summary>
    /// Every stored agency-month once an incremental pass has added <paramref name="deltas"/>: the
    /// snapshot of run <paramref name="snapshotRun"/> (the table as the last run left it; the caller holds
    /// the lease, so only these deltas moved it since) plus the deltas, or, without that snapshot, the table.
    /// </summary>
    public async Task<CounterSet> ReadAfterDeltasAsync(string snapshotRun, CounterSet deltas, CancellationToken cancellationToken)
    {
        if (await ReadSnapshotAsync(snapshotRun, cancellationToken) is not { } before) return await ReadAllAsync(cancellationToken);
        before.Add(deltas);
        return before.Trimmed();
    }

    /// <summary>The counters as saved by run <paramref name="runId"/>; null if there is no snapshot of that run.</summary>
    public async Task<CounterSet?> ReadSnapshotAsync(string runId, CancellationToken cancellationToken)
    {
        if (runId.Length == 0) return null;
        try
        {
            var download = await storage.Staging.GetBlobClient(SnapshotBlob).DownloadStreamingAsync(cancellationToken: cancellationToken);
            using var content = download.Value.Content;
            if (!download.Value.Details.Metadata.TryGetValue(SnapshotRunMetadata, out var run) || run != runId) return null;
            await using var gzip = new GZipStream(content, CompressionMode.Decompress);
            var set = new CounterSet();
            await foreach (var e in JsonSerializer.DeserializeAsyncEnumerable<CounterSnapshotEntry>(gzip, cancellationToken: cancellationToken))
            {
                e?.CopyTo(set);
            }
            return set;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every stored agency-month.</summary>
    public async Task<CounterSet> ReadAllAsync(CancellationToken cancellationToken)
    {
        var set = new CounterSet();
        await foreach (var row in Table.QueryAsync<CounterRow>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            set.Cells[(row.Agency, row.Month)] = row.ToCounters();
        }
        return set;
    }

    /// <summary>One agency's months.</summary>
    public async Task<CounterSet> ReadAgencyAsync(string agency, CancellationToken cancellationToken)
    {
        var set = new CounterSet();
        var partition = CounterRow.PartitionOf(agency);
        await foreach (var row in Table.QueryAsync<CounterRow>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            set.Cells[(row.Agency, row.Month)] = row.ToCounters();
        }
        return set;
    }

    /// <summary>
    /// Moves agency-months by the given deltas: per agency, its rows are read, then replaced in a
    /// batch conditional on each row's ETag, redone on conflict; a month that comes to zero is deleted.
    /// </summary>
    public async Task AddAsync(CounterSet deltas, CancellationToken cancellationToken)
    {
        var byAgency = deltas.Trimmed().Cells.GroupBy(c => c.Key.Agency, StringComparer.Ordinal);
        await Parallel.ForEachAsync(byAgency, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (agency, ct) =>
            {
                foreach (var chunk in agency.Chunk(Batches.MaxBatchSize)) await AddToAgencyAsync(agency.Key, chunk, ct);
            });
    }

    private async Task AddToAgencyAsync(string agency, KeyValuePair<(string Agency, string Month), AgencyMonthCounters>[] deltas, CancellationToken cancellationToken)
    {
        var partition = CounterRow.PartitionOf(agency);
        for (var attempt = 0; ; attempt++)
        {
            var current = new Dictionary<string, CounterRow>(StringComparer.Ordinal);
            await foreach (var row in Table.QueryAsync<CounterRow>(r => r.PartitionKey == partition, cancellationToken: cancellationToken)) current[row.RowKey] = row;
            var actions = new List<TableTransactionAction>();
            foreach (var ((_, month), delta) in deltas)
            {
                current.TryGetValue(month, out var stored);
                var sum = stored?.ToCounters() ?? new AgencyMonthCounters();
                sum.Add(delta);
                var zero = sum.Trim();
                if (stored is null && !zero) actions.Add(new(TableTransactionActionType.Add, CounterRow.From(agency, month, sum)));
                else if (stored is not null && zero) actions.Add(new(TableTransactionActionType.Delete, stored, stored.ETag));
                else if (stored is not null) actions.Add(new(TableTransactionActionType.UpdateReplace, CounterRow.From(agency, month, sum), stored.ETag));
            }
            if (actions.Count == 0) return;
            try
            {
                Batches.Guard(actions);
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
            {
                // Another reconciler moved a month meanwhile: the whole batch was refused, read again.
            }
        }
    }

    /// <summary>Full pass: the table becomes exactly what was computed; only rows that differ are written, stale ones deleted.</summary>
    public async Task ReplaceAllAsync(CounterSet computed, CancellationToken cancellationToken)
    {
        computed.Trimmed();
        var actions = new List<TableTransactionAction>();
        var seen = new HashSet<(string, string)>();
        await foreach (var row in Table.QueryAsync<CounterRow>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var key = (row.Agency, row.Month);
            seen.Add(key);
            if (!computed.Cells.TryGetValue(key, out var want)) actions.Add(new(TableTransactionActionType.Delete, row, row.ETag));
            else if (!want.SameAs(row.ToCounters())) actions.Add(new(TableTransactionActionType.UpsertReplace, CounterRow.From(row.Agency, row.Month, want)));
        }
        foreach (var ((agency, month), want) in computed.Cells)
        {
            if (!seen.Contains((agency, month))) actions.Add(new(TableTransactionActionType.UpsertReplace, CounterRow.From(agency, month, want)));
        }
        if (actions.Count > 0) await Batches.SubmitAsync(Table, actions, Parallelism, cancellationToken);
    }
}
