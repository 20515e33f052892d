using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The Counters table: the sums KPIs are made of, one row per agency and month
/// (<see cref="CounterRow"/>). A few thousand rows for a province, read whole when KPIs are published.
/// </summary>
public sealed class CounterStore(HubStorage storage, IOptions<SyncOptions> options)
{
    private int Parallelism => options.Value.WriteParallelism;

    private TableClient Table => storage.Table(HubStorage.Counters);

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
