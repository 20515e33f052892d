using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>Opens, re-opens, confirms and resolves findings; a finding that no longer holds is resolved, never deleted.</summary>
public sealed class FindingStore(HubStorage storage)
{
    public TableClient Table => storage.Table(HubStorage.Findings);

    public async Task<Dictionary<FindingKey, FindingEntity>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<FindingKey, FindingEntity>();
        await foreach (var f in Table.QueryAsync<FindingEntity>(maxPerPage: 1000, cancellationToken: cancellationToken)) all[f.Key] = f;
        return all;
    }

    /// <summary>Open findings counted by rule: of one agency, or (null) of all.</summary>
    public async Task<SortedDictionary<string, int>> OpenByRuleAsync(string? agency, CancellationToken cancellationToken)
    {
        var filter = agency is null
            ? TableClient.CreateQueryFilter($"Status eq {FindingEntity.Open}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {FindingEntity.PartitionOf(agency)} and Status eq {FindingEntity.Open}");
        var open = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var f in Table.QueryAsync<FindingEntity>(filter, select: [nameof(FindingEntity.Rule)], cancellationToken: cancellationToken))
        {
            open[f.Rule] = open.GetValueOrDefault(f.Rule) + 1;
        }
        return open;
    }

    /// <summary>
    /// A page of findings: of one agency or all, of one rule or all, open, resolved or both
    /// (<paramref name="status"/> null); and the storage's continuation for the next page, or null.
    /// </summary>
    public async Task<(IReadOnlyList<FindingEntity> Items, string? Continuation)> ReadPageAsync(
        string? agency, string? rule, string? status, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        await foreach (var page in Table.QueryAsync<FindingEntity>(Filter(agency, rule, status), pageSize, cancellationToken: cancellationToken)
                           .AsPages(continuation, pageSize).WithCancellation(cancellationToken))
        {
            return (page.Values, page.ContinuationToken is { Length: > 0 } more ? more : null);
        }
        return ([], null);
    }

    /// <summary>Every finding of one agency or all, open, resolved or both (<paramref name="status"/> null), streamed.</summary>
    public IAsyncEnumerable<FindingEntity> ReadAsync(string? agency, string? status, CancellationToken cancellationToken) =>
        Table.QueryAsync<FindingEntity>(Filter(agency, null, status), maxPerPage: 1000, cancellationToken: cancellationToken);

    private static string? Filter(string? agency, string? rule, string? status)
    {
        var clauses = new List<string>();
        if (agency is not null) clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {FindingEntity.PartitionOf(agency)}"));
        if (rule is not null) clauses.Add(TableClient.CreateQueryFilter($"Rule eq {rule}"));
        if (status is not null) clauses.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    public async Task<FindingEntity?> GetAsync(FindingKey key, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<FindingEntity>(FindingEntity.PartitionOf(key.Agency), FindingEntity.RowKeyOf(key.Rule, key.Subject), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Opens a new finding or re-opens a resolved one (keeping when it was first seen).</summary>
    public static FindingEntity Opened(FindingEntity? existing, FindingKey key, DateTimeOffset now)
    {
        if (existing is null) return FindingEntity.New(key, now);
        existing.Status = FindingEntity.Open;
        existing.LastSeen = now;
        existing.ResolvedAt = null;
        return existing;
    }

    public static FindingEntity ResolvedCopy(FindingEntity existing, DateTimeOffset now)
    {
        existing.Status = FindingEntity.Resolved;
        existing.ResolvedAt = now;
        return existing;
    }

    /// <summary>
    /// Applies a dossier pass's finding changes without reading the findings first: the dossier rows
    /// say which of their findings were open (a reconciliation that stopped between its dossier rows
    /// and its findings is followed by a full one). A confirmation merges LastSeen into a finding
    /// known open, a resolution merges Status and ResolvedAt, a new finding is inserted. A batch the
    /// service refuses (a finding to insert that exists, resolved; one to merge that is gone) is
    /// done again finding by finding, each read first.
    /// </summary>
    public async Task ApplyAsync(IEnumerable<FindingChange> changes, DateTimeOffset now, int parallelism, CancellationToken cancellationToken)
    {
        var byRow = new Dictionary<(string, string), FindingChange>();
        foreach (var c in changes) byRow[(FindingEntity.PartitionOf(c.Key.Agency), FindingEntity.RowKeyOf(c.Key.Rule, c.Key.Subject))] = c;
        var actions = byRow.Values.Select(c => new TableTransactionAction(c.Kind == FindingChangeKind.Opened ? TableTransactionActionType.Add : TableTransactionActionType.UpdateMerge, Change(c, now), ETag.All));
        await Parallel.ForEachAsync(Batches.Split(actions), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                Batches.Guard(batch);
                try
                {
                    await Table.SubmitTransactionAsync(batch, ct);
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409)
                {
                    foreach (var action in batch) await ApplyOneAsync(byRow[(action.Entity.PartitionKey, action.Entity.RowKey)], now, ct);
                }
            });
    }

    private static TableEntity Change(FindingChange change, DateTimeOffset now)
    {
        var key = change.Key;
        return change.Kind switch
        {
            FindingChangeKind.Opened => new TableEntity(FindingEntity.PartitionOf(key.Agency), FindingEntity.RowKeyOf(key.Rule, key.Subject))
            {
                [nameof(FindingEntity.Rule)] = key.Rule,
                [nameof(FindingEntity.Agency)] = key.Agency,
                [nameof(FindingEntity.Subject)] = key.Subject,
                [nameof(FindingEntity.Status)] = FindingEntity.Open,
                [nameof(FindingEntity.FirstSeen)] = now,
                [nameof(FindingEntity.LastSeen)] = now,
            },
            FindingChangeKind.Confirmed => new TableEntity(FindingEntity.PartitionOf(key.Agency), FindingEntity.RowKeyOf(key.Rule, key.Subject)) { [nameof(FindingEntity.LastSeen)] = now },
            _ => new TableEntity(FindingEntity.PartitionOf(key.Agency), FindingEntity.RowKeyOf(key.Rule, key.Subject))
            {
                [nameof(FindingEntity.Status)] = FindingEntity.Resolved,
                [nameof(FindingEntity.ResolvedAt)] = now,
            },
        };
    }

    /// <summary>One change, read first: the rules of <see cref="Opened"/> and <see cref="ResolvedCopy"/>.</summary>
    private async Task ApplyOneAsync(FindingChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(change.Key, cancellationToken);
        FindingEntity? write = change.Kind switch
        {
            FindingChangeKind.Resolved => existing is { Status: FindingEntity.Open } ? ResolvedCopy(existing, now) : null,
            FindingChangeKind.Confirmed when existing is { Status: FindingEntity.Open } => Confirmed(existing, now),
            _ => Opened(existing, change.Key, now),
        };
        if (write is not null) await Table.UpsertEntityAsync(write, TableUpdateMode.Replace, cancellationToken);
    }

    private static FindingEntity Confirmed(FindingEntity existing, DateTimeOffset now)
    {
        existing.LastSeen = now;
        return existing;
    }

    public Task WriteAsync(IEnumerable<FindingEntity> findings, int parallelism, CancellationToken cancellationToken) =>
        Batches.SubmitAsync(Table, findings.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, f)), parallelism, cancellationToken);
}
