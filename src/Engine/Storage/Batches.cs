using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Entity-group transactions, guarded: at most 100 actions, all in one partition. Table Storage
/// enforces both; Azurite enforces neither, so the guard lives here and tests can rely on it.
/// </summary>
public static class Batches
{
    public const int MaxBatchSize = 100;

    /// <summary>Checks one batch; throws if it could not be committed by the real service.</summary>
    public static void Guard(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0) throw new ArgumentException("An empty batch.");
        if (actions.Count > MaxBatchSize) throw new ArgumentException($"A batch of {actions.Count} actions; at most {MaxBatchSize}.");
        var partition = actions[0].Entity.PartitionKey;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A batch spans partitions '{partition}' and '{action.Entity.PartitionKey}'.");
            }
            if (!keys.Add(action.Entity.RowKey)) throw new ArgumentException($"A batch names row '{action.Entity.RowKey}' twice.");
        }
    }

    /// <summary>Splits actions into guarded batches: grouped by partition, at most 100 each, last action per row wins.</summary>
    public static IEnumerable<List<TableTransactionAction>> Split(IEnumerable<TableTransactionAction> actions)
    {
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var latest = new Dictionary<string, TableTransactionAction>(StringComparer.Ordinal);
            foreach (var action in partition) latest[action.Entity.RowKey] = action;
            foreach (var chunk in latest.Values.Chunk(MaxBatchSize)) yield return [.. chunk];
        }
    }

    /// <summary>Submits actions as guarded batches, several at a time.</summary>
    public static Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, int parallelism, CancellationToken cancellationToken) =>
        SubmitAsync(_ => table, actions, parallelism, cancellationToken);

    /// <summary>Submits actions as guarded batches, several at a time, each to the table its partition lives in.</summary>
    public static async Task SubmitAsync(Func<string, TableClient> tableOf, IEnumerable<TableTransactionAction> actions, int parallelism, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Split(actions), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                Guard(batch);
                await tableOf(batch[0].Entity.PartitionKey).SubmitTransactionAsync(batch, ct);
            });
    }

    /// <summary>
    /// Submits upserts and deletes as guarded batches; if a batch fails (a delete of a row already
    /// gone fails its whole batch), every action again one at a time, deletes of missing rows ignored.
    /// </summary>
    public static async Task SubmitIgnoringMissingAsync(Func<string, TableClient> tableOf, IReadOnlyList<TableTransactionAction> actions, int parallelism,
        CancellationToken cancellationToken)
    {
        if (actions.Count == 0) return;
        try
        {
            await SubmitAsync(tableOf, actions, parallelism, cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            foreach (var action in actions)
            {
                try
                {
                    await tableOf(action.Entity.PartitionKey).SubmitTransactionAsync([action], cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                }
            }
        }
    }

    /// <summary>
    /// Deletes rows only if unchanged since read (ETag); rows changed meanwhile are kept, one by one
    /// if their batch was refused.
    /// </summary>
    public static async Task DeleteUnchangedAsync(TableClient table, IEnumerable<ITableEntity> rows, int parallelism, CancellationToken cancellationToken)
    {
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag));
        await Parallel.ForEachAsync(Split(actions), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                Guard(batch);
                try
                {
                    await table.SubmitTransactionAsync(batch, ct);
                }
                catch (TableTransactionFailedException)
                {
                    foreach (var action in batch)
                    {
                        try
                        {
                            await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, action.ETag, ct);
                        }
                        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                        {
                            // Gone already, or written again since we read it: then it is still due.
                        }
                    }
                }
            });
    }
}
