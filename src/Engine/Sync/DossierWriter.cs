using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Buffers one stream's dossier rows and stores them in the background while the next pages are
/// fetched; <see cref="FlushAsync"/> returns only when everything buffered so far is durable, so
/// the caller may then move its checkpoint. Merged directly, rows of one dossier within a flush are
/// merged column by column first (two payments of a dossier are two columns of one row: neither
/// may be lost); staged, they are appended in order and merged the same way when applied.
/// </summary>
public sealed class DossierWriter(HubStorage storage, DossierStaging staging, DossierWriteMode mode, string stream, string runId, SyncOptions options)
{
    private Dictionary<string, TableEntity> merges = new(StringComparer.Ordinal);
    private StagingBuffer staged = new();
    private Task pending = Task.CompletedTask;

    public DossierWriteMode Mode => mode;

    /// <summary>Records added since the last flush started.</summary>
    public int Buffered { get; private set; }

    /// <summary>
    /// Whether enough is buffered for a flush (and a checkpoint). Staged flushes are larger: they
    /// are held compressed, and each becomes one blob per bucket that is later deleted one by one.
    /// </summary>
    public bool Full => Buffered >= (mode == DossierWriteMode.Stage ? options.StageFlushSize : options.FlushSize);

    public void Add(TableEntity row)
    {
        Buffered++;
        if (mode == DossierWriteMode.Stage) staged.Add(row);
        else if (merges.TryGetValue(row.RowKey, out var earlier)) StagedRows.MergeInto(earlier, row);
        else merges[row.RowKey] = row;
    }

    /// <summary>Starts storing what is buffered; waits for the previous store first.</summary>
    public async Task StartFlushAsync(CancellationToken cancellationToken)
    {
        await pending;
        if (Buffered == 0) return;
        Buffered = 0;
        if (mode == DossierWriteMode.Stage)
        {
            var flush = staged;
            staged = new StagingBuffer();
            pending = StageAsync(flush, cancellationToken);
        }
        else
        {
            var rows = merges.Values.ToList();
            merges = new(StringComparer.Ordinal);
            pending = Batches.SubmitAsync(storage.DossierTable, rows.Select(MergeMarkedChanged), options.WriteParallelism, cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await StartFlushAsync(cancellationToken);
        await pending;
    }

    private async Task StageAsync(StagingBuffer flush, CancellationToken cancellationToken)
    {
        using (flush) await staging.StageAsync(stream, runId, flush, options.WriteParallelism, cancellationToken);
    }

    private static TableTransactionAction MergeMarkedChanged(TableEntity row) =>
        new(TableTransactionActionType.UpsertMerge, DossierRows.MarkedChanged(row));
}
