using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>Reads and writes the <see cref="ReconcileState"/> row, with its ETag.</summary>
public sealed class ReconcileStateStore(HubStorage storage)
{
    private const int Attempts = 20;

    private TableClient Table => storage.Table(HubStorage.State);

    public async Task<ReconcileState> GetAsync(CancellationToken cancellationToken)
    {
        var empty = new ReconcileState();
        var found = await Table.GetEntityIfExistsAsync<ReconcileState>(empty.PartitionKey, empty.RowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : empty;
    }

    /// <summary>Whether a full reconciliation has been asked for and not yet done.</summary>
    public async Task<bool> IsFullPendingAsync(CancellationToken cancellationToken) => (await GetAsync(cancellationToken)).FullPending;

    /// <summary>Asks for a full reconciliation.</summary>
    public Task RequestFullAsync(CancellationToken cancellationToken) => UpdateAsync(s => s.FullRequested++, cancellationToken);

    /// <summary>Asks for the KPIs to be re-published from the counters (procedure flags changed).</summary>
    public Task RequestRepublishAsync(CancellationToken cancellationToken) => UpdateAsync(s => s.RepublishRequested++, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the current row and stores it, read again and redone if another writer got there first.</summary>
    public async Task UpdateAsync(Action<ReconcileState> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var state = await GetAsync(cancellationToken);
            change(state);
            try
            {
                await SaveAsync(state, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
            }
        }
    }

    public async Task SaveAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var response = state.ETag == default
            ? await Table.AddEntityAsync(state, cancellationToken)
            : await Table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
        state.ETag = response.Headers.ETag ?? default;
    }
}
