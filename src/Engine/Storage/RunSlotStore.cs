using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Which request holds each source while it is queued or running: one row per source, claimed
/// with If-None-Match (of two requests at once exactly one gets it), freed by the run that holds
/// it when it ends. A slot whose run has ended, or whose request expired unread, is taken over
/// with its ETag (<see cref="TryTakeOverAsync"/>): the caller decides that from the run record.
/// </summary>
public sealed class RunSlotStore(HubStorage storage)
{
    private TableClient Table => storage.Table(HubStorage.State);

    /// <summary>Claims a free slot for a run; false if it is held.</summary>
    public async Task<bool> TryClaimAsync(string key, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new RunSlotRow { Key = key, RunId = runId, Claimed = now }.ToEntity(), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Who holds a slot, or null when it is free.</summary>
    public async Task<RunSlotRow?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(RunSlotRow.Partition, key, cancellationToken: cancellationToken);
        return row.HasValue ? RunSlotRow.From(row.Value!) : null;
    }

    /// <summary>Takes over a slot that still holds what the caller read (ETag); false if it changed meanwhile.</summary>
    public async Task<bool> TryTakeOverAsync(RunSlotRow held, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(new RunSlotRow { Key = held.Key, RunId = runId, Claimed = now }.ToEntity(), held.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Frees a slot if <paramref name="runId"/> still holds it.</summary>
    public async Task ReleaseAsync(string key, string runId, CancellationToken cancellationToken)
    {
        if (await GetAsync(key, cancellationToken) is not { } held || held.RunId != runId) return;
        try
        {
            await Table.DeleteEntityAsync(RunSlotRow.Partition, key, held.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over meanwhile: the new holder frees it.
        }
    }
}
