using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Buffers one stream's dossier rows and stores them in the background while the next pages are
/// fetched; <see cref="FlushAsync"/> returns only when everything buffered so far is durable, so
/// the caller may then move its checkpoint. Rows of one dossier within a flush are merged column
/// by column first (two payments of a dossier are two columns of one row: neither may be lost).
/// </summary>
public sealed class DossierWriter(HubStorage storage, DossierStaging staging, DossierWriteMode mode, string stream, string runId, int parallelism)
{
    private Dictionary<string, TableEntity> buffer = new(StringComparer.Ordinal);
    private Task pending = Task.CompletedTask;

    public DossierWriteMode Mode => mode;

    /// <summary>Records added since the last flush started.</summary>
    public int Buffered { get; private set; }

    public void Add(TableEntity row)
    {
        Buffered++;
        if (buffer.TryGetValue(row.RowKey, out var earlier)) StagedRows.MergeInto(earlier, row);
        else buffer[row.RowKey] = row;
    }

    /// <summary>Starts storing what is buffered; waits for the previous store first.</summary>
    public async Task StartFlushAsync(CancellationToken cancellationToken)
    {
        await pending;
        if (buffer.Count == 0) return;
        var rows = buffer.Values.ToList();
        buffer = new(StringComparer.Ordinal);
        Buffered = 0;
        pending = mode == DossierWriteMode.Stage
            ? staging.StageAsync(stream, runId, rows, parallelism, cancellationToken)
            : Batches.SubmitAsync(storage.DossierTable, rows.SelectMany(MergeWithMarker), parallelism, cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await StartFlushAsync(cancellationToken);
        await pending;
    }

    private static IEnumerable<TableTransactionAction> MergeWithMarker(TableEntity row)
    {
        yield return new TableTransactionAction(TableTransactionActionType.UpsertMerge, row);
        yield return new TableTransactionAction(TableTransactionActionType.UpsertReplace, DossierRows.ChangeMarkerFor(row.RowKey));
    }
}
