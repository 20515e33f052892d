using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Requests cut into work items, one queue message per source, so that several instances share
/// one request: a row per request counts which of its runs have ended, updated with its ETag (two
/// items ending at once are both counted). The item whose end completes the group is told so, once;
/// an item delivered again changes nothing (its run is counted once).
/// </summary>
public sealed class RunGroupStore(HubStorage storage)
{
    private TableClient Table => storage.Table(HubStorage.State);

    public async Task CreateAsync(RunGroupRow group, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(group.ToEntity(), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Counts <paramref name="runs"/> as ended. Returns the group when they complete it: the caller
    /// queues what follows, then <see cref="RemoveAsync"/>s it (a crash in between: the item is
    /// delivered again and completes it again: what follows may be queued twice, never lost).
    /// Null: not complete yet, or unknown (already removed).
    /// </summary>
    public async Task<RunGroupRow?> EndAsync(string key, IEnumerable<string> runs, CancellationToken cancellationToken)
    {
        var ended = runs.ToList();
        while (true)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(RunGroupRow.Partition, key, cancellationToken: cancellationToken);
            if (!found.HasValue) return null;
            var before = RunGroupRow.From(found.Value!);
            var after = before.WithEnded(ended);
            try
            {
                if (after.Complete) return after;
                if (after.Ended.Count != before.Ended.Count) await Table.UpdateEntityAsync(after.ToEntity(), before.ETag, TableUpdateMode.Replace, cancellationToken);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Another item ended meanwhile: read again.
            }
        }
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(RunGroupRow.Partition, key, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
