using System.Text;
using Azure.Data.Tables;
using IntegrationHub.Engine.Connectors;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Upstream records the hub could not store, kept with their reason: the record's JSON as a blob
/// ({stream}/{run}/{n}.json) and an index row per record, partitioned by stream (<see cref="QuarantineRow"/>).
/// </summary>
public sealed class QuarantineStore(HubStorage storage)
{
    private TableClient Table => storage.Table(HubStorage.Quarantine);

    /// <summary>Keeps a page's rejected records, numbered from <paramref name="firstSequence"/> within the run; blobs first, then their index rows.</summary>
    public async Task SaveAsync(string stream, string runId, long firstSequence, IReadOnlyList<RejectedRecord> records, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        var rows = records.Select((r, i) =>
        {
            var sequence = firstSequence + i;
            return new QuarantineRow
            {
                PartitionKey = stream, RowKey = QuarantineRow.RowKeyOf(runId, sequence), Stream = stream, Run = runId,
                Reason = Clip(r.Reason, 1000), RecordKey = r.Key is null ? null : Clip(r.Key, 200),
                Blob = $"{stream}/{runId}/{sequence:D6}.json", At = at,
            };
        }).ToList();
        await Parallel.ForEachAsync(rows.Zip(records), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (pair, ct) => await storage.Quarantined.GetBlobClient(pair.First.Blob).UploadAsync(BinaryData.FromString(pair.Second.Json), overwrite: true, ct));
        await Batches.SubmitAsync(Table, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), 2, cancellationToken);
    }

    /// <summary>The newest first within each stream; optionally one stream, one run, or one status.</summary>
    public async Task<List<QuarantineRow>> ListAsync(string? stream, string? run, string? status, int max, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (stream is not null) filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {stream}"));
        if (run is not null) filters.Add(TableClient.CreateQueryFilter($"Run eq {run}"));
        if (status is not null) filters.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        var list = new List<QuarantineRow>();
        await foreach (var row in Table.QueryAsync<QuarantineRow>(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken: cancellationToken))
        {
            list.Add(row);
        }
        return [.. list.OrderByDescending(r => r.At).ThenByDescending(r => r.RowKey, StringComparer.Ordinal).Take(max)];
    }

    public async Task<QuarantineRow?> GetAsync(string stream, string rowKey, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<QuarantineRow>(stream, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The record as it was set aside.</summary>
    public async Task<string> ReadJsonAsync(QuarantineRow row, CancellationToken cancellationToken)
    {
        var content = await storage.Quarantined.GetBlobClient(row.Blob).DownloadContentAsync(cancellationToken);
        return Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
    }

    /// <summary>Records what a retry did; only if the row is as read (ETag), so two retries do not both store it.</summary>
    public async Task MarkAsync(QuarantineRow row, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        row.Status = status;
        row.RetriedAt = at;
        await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
