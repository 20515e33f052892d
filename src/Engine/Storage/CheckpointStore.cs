using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

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
