using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The sums KPIs are made of: KPI counter cells (KpiCounters, partition = scope, row = "period|kpi")
/// and per-procedure activity cells (ProcActivity, partition = "scope|period", row = procedure), both
/// sharded (<see cref="HubStorage.ShardOf"/>). In memory a cell is keyed (scope, period, key), the
/// key a KPI name or "@procedure" (<see cref="CounterCells"/>).
/// </summary>
public sealed class CounterStore(HubStorage storage, IOptions<SyncOptions> options)
{
    /// <summary>Columns of a KPI counter cell, in slot order.</summary>
    public static readonly string[] KpiColumns = ["Numerator", "Denominator"];

    private int Parallelism => options.Value.WriteParallelism;

    /// <summary>Every stored counter and activity cell, in the shape a full pass computes them.</summary>
    public async Task<Dictionary<(string Scope, string Period, string Key), long[]>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var cells = new Dictionary<(string, string, string), long[]>();
        foreach (var shard in storage.Shards(HubStorage.KpiCounters))
        {
            await foreach (var row in shard.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var (period, kpi) = KpiPublisher.SplitRowKey(row.RowKey);
                cells[(row.PartitionKey, period, kpi)] = Slots(row, KpiColumns);
            }
        }
        foreach (var shard in storage.Shards(HubStorage.ProcedureActivity))
        {
            await foreach (var row in shard.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var (scope, period) = CounterCells.SplitActivityPartition(row.PartitionKey);
                cells[(scope, period, CounterCells.ActivityKey + row.RowKey)] = Slots(row, Contribution.ActivityColumns);
            }
        }
        return cells;
    }

    /// <summary>A stored cell's columns in slot order; an absent column is 0.</summary>
    private static long[] Slots(TableEntity row, string[] columns) => [.. columns.Select(c => row.GetInt64(c) ?? 0)];

    /// <summary>One scope's KPI cells of the given periods.</summary>
    public async Task<List<(string Period, string Kpi, long Numerator, long Denominator)>> ReadScopeAsync(string scope, IReadOnlySet<string> periods, CancellationToken cancellationToken)
    {
        var cells = new List<(string, string, long, long)>();
        await foreach (var cell in storage.ShardOf(HubStorage.KpiCounters, scope).QueryAsync<TableEntity>(r => r.PartitionKey == scope, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var (period, kpi) = KpiPublisher.SplitRowKey(cell.RowKey);
            if (!periods.Contains(period)) continue;
            var slots = Slots(cell, KpiColumns);
            cells.Add((period, kpi, slots[0], slots[1]));
        }
        return cells;
    }

    /// <summary>One scope and period's per-procedure activity.</summary>
    public async Task<List<ProcedureActivity>> ReadActivityAsync(string scope, string period, CancellationToken cancellationToken)
    {
        var rows = new List<ProcedureActivity>();
        var partition = CounterCells.ActivityPartition(scope, period);
        await foreach (var cell in storage.ShardOf(HubStorage.ProcedureActivity, partition).QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            rows.Add(ProcedureActivity.FromSlots(cell.RowKey, Slots(cell, Contribution.ActivityColumns)));
        }
        return rows;
    }

    /// <summary>Procedures with a successful transaction since the reconciliation period's start.</summary>
    public async Task<HashSet<string>> ProceduresPaidSinceStartAsync(CancellationToken cancellationToken)
    {
        var paid = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in await ReadActivityAsync(KpiCells.Province, Contribution.AllTime, cancellationToken))
        {
            if (row.Paid > 0) paid.Add(row.Procedure);
        }
        return paid;
    }

    /// <summary>
    /// Moves cells by the given deltas: per partition, read once, then batches conditional on each
    /// cell's ETag, redone on conflict; a cell that comes to zero is deleted.
    /// </summary>
    public async Task AddAsync(IEnumerable<KeyValuePair<(string Scope, string Period, string Key), long[]>> deltas, CancellationToken cancellationToken)
    {
        var counterDeltas = new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal);
        var activityDeltas = new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal);
        foreach (var ((scope, period, key), delta) in deltas)
        {
            var (target, partition, row) = CounterCells.IsActivityKey(key)
                ? (activityDeltas, CounterCells.ActivityPartition(scope, period), key[1..])
                : (counterDeltas, scope, KpiPublisher.RowKeyOf(period, key));
            if (!target.TryGetValue(partition, out var rows)) target[partition] = rows = new(StringComparer.Ordinal);
            if (!rows.TryGetValue(row, out var cell)) rows[row] = cell = new long[delta.Length];
            for (var i = 0; i < delta.Length; i++) cell[i] += delta[i];
        }
        await Parallel.ForEachAsync(
            counterDeltas.Select(d => (Table: storage.ShardOf(HubStorage.KpiCounters, d.Key), d.Key, d.Value, Columns: KpiColumns))
                .Concat(activityDeltas.Select(d => (Table: storage.ShardOf(HubStorage.ProcedureActivity, d.Key), d.Key, d.Value, Columns: Contribution.ActivityColumns))),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (work, ct) => await AddToPartitionAsync(work.Table, work.Key, work.Value, work.Columns, ct));
    }

    private static async Task AddToPartitionAsync(TableClient table, string partition, Dictionary<string, long[]> deltas,
        string[] columns, CancellationToken cancellationToken)
    {
        foreach (var chunk in deltas.Where(d => d.Value.Any(v => v != 0)).Chunk(Batches.MaxBatchSize))
        {
            for (var attempt = 0; ; attempt++)
            {
                var current = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, maxPerPage: 1000, cancellationToken: cancellationToken))
                {
                    current[row.RowKey] = row;
                }
                var actions = new List<TableTransactionAction>();
                foreach (var (rowKey, delta) in chunk)
                {
                    current.TryGetValue(rowKey, out var cell);
                    var updated = new TableEntity(partition, rowKey);
                    var zero = true;
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var value = (cell?.GetInt64(columns[i]) ?? 0) + delta[i];
                        updated[columns[i]] = value;
                        zero &= value == 0;
                    }
                    if (cell is null) actions.Add(new(TableTransactionActionType.Add, updated));
                    else if (zero) actions.Add(new(TableTransactionActionType.Delete, cell, cell.ETag));
                    else actions.Add(new(TableTransactionActionType.UpdateReplace, updated, cell.ETag));
                }
                try
                {
                    Batches.Guard(actions);
                    await table.SubmitTransactionAsync(actions, cancellationToken);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
                {
                    // Another reconciler moved a cell meanwhile: the whole batch was refused, read again.
                }
            }
        }
    }

    /// <summary>Full pass: counters become exactly what was computed; stale cells are deleted.</summary>
    public async Task ReplaceAllAsync(Dictionary<(string Scope, string Period, string Key), long[]> computed, CancellationToken cancellationToken)
    {
        var wantedCounters = new Dictionary<(string, string), TableEntity>();
        var wantedActivity = new Dictionary<(string, string), TableEntity>();
        foreach (var ((scope, period, key), cell) in computed)
        {
            if (cell.All(v => v == 0)) continue;
            if (CounterCells.IsActivityKey(key))
            {
                var partition = CounterCells.ActivityPartition(scope, period);
                var row = new TableEntity(partition, key[1..]);
                for (var i = 0; i < Contribution.ActivityColumns.Length; i++) row[Contribution.ActivityColumns[i]] = cell[i];
                wantedActivity[(partition, key[1..])] = row;
            }
            else
            {
                wantedCounters[(scope, KpiPublisher.RowKeyOf(period, key))] = new TableEntity(scope, KpiPublisher.RowKeyOf(period, key))
                {
                    [KpiColumns[0]] = cell[0], [KpiColumns[1]] = cell[1],
                };
            }
        }
        await ReplaceTableAsync(HubStorage.KpiCounters, wantedCounters, KpiColumns, cancellationToken);
        await ReplaceTableAsync(HubStorage.ProcedureActivity, wantedActivity, Contribution.ActivityColumns, cancellationToken);
    }

    /// <summary>Makes a sharded table hold exactly <paramref name="wanted"/>: reads every shard, writes only what differs.</summary>
    private async Task ReplaceTableAsync(string table, Dictionary<(string, string), TableEntity> wanted, string[] columns, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var seen = new HashSet<(string, string)>();
        foreach (var shard in storage.Shards(table))
        {
            await foreach (var row in shard.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var key = (row.PartitionKey, row.RowKey);
                if (!wanted.TryGetValue(key, out var want)) actions.Add(new(TableTransactionActionType.Delete, row, row.ETag));
                else if (columns.Any(c => row.GetInt64(c) != want.GetInt64(c))) actions.Add(new(TableTransactionActionType.UpsertReplace, want));
                seen.Add(key);
            }
        }
        actions.AddRange(wanted.Where(w => !seen.Contains(w.Key)).Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, w.Value)));
        if (actions.Count > 0) await Batches.SubmitAsync(partition => storage.ShardOf(table, partition), actions, Parallelism, cancellationToken);
    }
}
