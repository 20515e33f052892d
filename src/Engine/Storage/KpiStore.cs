using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The KPI rows users read, one partition per scope in the scope's KPI table
/// (<see cref="HubStorage.KpiTableName"/>): writes only rows whose values changed and deletes rows
/// of KPIs that no longer exist. The snapshot KPIs that exist now are kept in the Catalogue table's
/// "eval-kpis" partition, so an incremental run can delete those gone without scanning the tables.
/// </summary>
public sealed class KpiStore(HubStorage storage, CatalogueStore catalogue, IOptions<SyncOptions> options)
{
    private const string SnapshotKpisPartition = "eval-kpis";

    private int Parallelism => options.Value.WriteParallelism;

    private TableClient TableOf(string scope) => storage.Table(HubStorage.KpiTableName(scope));

    private IEnumerable<TableClient> AllTables => HubStorage.AllKpiTables.Select(storage.Table);

    /// <summary>Every KPI row of one scope (agency code, "level:X" or "province").</summary>
    public async Task<List<KpiResult>> ReadScopeAsync(string scope, CancellationToken cancellationToken)
    {
        var rows = new List<KpiResult>();
        await foreach (var k in TableOf(scope).QueryAsync<TableEntity>(e => e.PartitionKey == scope, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            rows.Add(ToResult(k));
        }
        return rows;
    }

    /// <summary>Every KPI row of one period ("yyyy-MM", "yyyy", or the snapshot period), over all scopes.</summary>
    public async Task<List<KpiResult>> ReadPeriodAsync(string period, CancellationToken cancellationToken)
    {
        var rows = new System.Collections.Concurrent.ConcurrentBag<KpiResult>();
        var filter = TableClient.CreateQueryFilter($"Period eq {period}");
        await Parallel.ForEachAsync(AllTables, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (table, ct) =>
        {
            await foreach (var k in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct)) rows.Add(ToResult(k));
        });
        return [.. rows.OrderBy(k => k.Scope, StringComparer.Ordinal).ThenBy(k => k.Kpi, StringComparer.Ordinal)];
    }

    /// <summary>Every KPI row.</summary>
    public async IAsyncEnumerable<KpiResult> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var table in AllTables)
        {
            await foreach (var k in table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken)) yield return ToResult(k);
        }
    }

    private static KpiResult ToResult(TableEntity k) =>
        new(k.GetString("Scope") ?? k.PartitionKey, k.GetString("Period") ?? "", k.GetString("Kpi") ?? "", k.GetInt64("Numerator") ?? 0,
            k.GetInt64("Denominator"), k.GetDouble("Value"), k.GetDouble("Target"), k.GetBoolean("Met")) { TargetPlan = k.GetString("TargetPlan") };

    /// <summary>Writes KPI rows that changed. A full pass also deletes rows of cells that no longer exist; an incremental one deletes those of its touched scopes.</summary>
    public async Task WriteAsync(Dictionary<(string Scope, string Period), Dictionary<string, KpiResult>> results, bool full, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var existing = new Dictionary<(string, string), TableEntity>();
        if (full)
        {
            foreach (var table in AllTables)
            {
                await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken)) existing[(row.PartitionKey, row.RowKey)] = row;
            }
        }
        else
        {
            // The touched scopes, one partition each, several at a time.
            var read = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), TableEntity>();
            await Parallel.ForEachAsync(results.Keys.GroupBy(k => k.Scope), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (scopeGroup, ct) =>
                {
                    var periods = scopeGroup.Select(k => k.Period).ToHashSet(StringComparer.Ordinal);
                    await foreach (var row in TableOf(scopeGroup.Key).QueryAsync<TableEntity>(r => r.PartitionKey == scopeGroup.Key, maxPerPage: 1000, cancellationToken: ct))
                    {
                        if (periods.Contains(row.GetString("Period") ?? "")) read[(row.PartitionKey, row.RowKey)] = row;
                    }
                });
            foreach (var (key, row) in read) existing[key] = row;
        }
        var wanted = new HashSet<(string, string)>();
        foreach (var k in results.Values.SelectMany(v => v.Values))
        {
            var row = new TableEntity(k.Scope, KpiPublisher.RowKeyOf(k.Period, k.Kpi))
            {
                ["Scope"] = k.Scope, ["Period"] = k.Period, ["Kpi"] = k.Kpi, ["Numerator"] = k.Numerator, ["Denominator"] = k.Denominator,
                ["Value"] = k.Value, ["Target"] = k.Target, ["Met"] = k.Met, ["TargetPlan"] = k.TargetPlan,
            };
            wanted.Add((row.PartitionKey, row.RowKey));
            if (existing.TryGetValue((row.PartitionKey, row.RowKey), out var old) && Same(old, row)) continue;
            actions.Add(new(TableTransactionActionType.UpsertReplace, row));
        }
        foreach (var (key, old) in existing)
        {
            if (!wanted.Contains(key) && (full || old.GetString("Period") != GroundTruthPeriods.Current)) actions.Add(new(TableTransactionActionType.Delete, old, old.ETag));
        }
        if (!full)
        {
            // Snapshot rows of scopes that no longer have them (e.g. an agency's last sharing application left).
            var stored = await catalogue.ReadAsync(SnapshotKpisPartition, cancellationToken);
            var evalActions = new List<TableTransactionAction>();
            foreach (var row in stored.Where(r => !wanted.Contains((r.GetString("Scope")!, KpiPublisher.RowKeyOf(GroundTruthPeriods.Current, r.GetString("Kpi")!)))))
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(row.GetString("Scope"), KpiPublisher.RowKeyOf(GroundTruthPeriods.Current, row.GetString("Kpi")!)), ETag.All));
                evalActions.Add(new(TableTransactionActionType.Delete, row, ETag.All));
            }
            foreach (var k in results.Where(r => r.Key.Period == GroundTruthPeriods.Current).SelectMany(r => r.Value.Values))
            {
                if (!stored.Any(r => r.GetString("Scope") == k.Scope && r.GetString("Kpi") == k.Kpi))
                {
                    evalActions.Add(new(TableTransactionActionType.UpsertReplace, SnapshotEvalRow(k)));
                }
            }
            await Batches.SubmitIgnoringMissingAsync(TableOf, actions, Parallelism, cancellationToken);
            if (evalActions.Count > 0) await Batches.SubmitAsync(storage.Table(HubStorage.Catalogue), evalActions, Parallelism, cancellationToken);
            return;
        }
        await Batches.SubmitIgnoringMissingAsync(TableOf, actions, Parallelism, cancellationToken);
        await DeleteRetiredTablesAsync(cancellationToken);
        var evalRows = results.Where(r => r.Key.Period == GroundTruthPeriods.Current).SelectMany(r => r.Value.Values).Select(SnapshotEvalRow).ToList();
        await catalogue.WriteSnapshotAsync(SnapshotKpisPartition, evalRows, [], maxShrink: null, Parallelism, cancellationToken);
    }

    /// <summary>Tables earlier versions kept KPI rows in: a full publication has just written them all anew.</summary>
    private async Task DeleteRetiredTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var retired in HubStorage.RetiredTables)
        {
            try
            {
                await storage.Table(retired).DeleteAsync(cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }
    }

    private static TableEntity SnapshotEvalRow(KpiResult k) =>
        new(SnapshotKpisPartition, FindingEntity.RowKeyOf(k.Kpi, k.Scope)) { ["Scope"] = k.Scope, ["Kpi"] = k.Kpi };

    private static bool Same(TableEntity a, TableEntity b) =>
        new[] { "Numerator", "Denominator", "Value", "Target", "Met", "TargetPlan" }.All(k => Equals(a.TryGetValue(k, out var x) ? x : null, b.TryGetValue(k, out var y) ? y : null));
}
