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

    public async Task<FindingEntity?> GetAsync(FindingKey key, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<FindingEntity>(key.Agency, FindingEntity.RowKeyOf(key.Rule, key.Subject), cancellationToken: cancellationToken);
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

    public Task WriteAsync(IEnumerable<FindingEntity> findings, int parallelism, CancellationToken cancellationToken) =>
        Batches.SubmitAsync(Table, findings.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, f)), parallelism, cancellationToken);
}
