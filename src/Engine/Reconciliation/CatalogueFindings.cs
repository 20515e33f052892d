using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Applies the catalogue and LGSP findings of a run (<see cref="CatalogueEvaluator"/>): opens the
/// new, resolves the gone. The ones open now are kept in the Catalogue table's "eval-findings"
/// partition, so a run tells what changed without scanning the Findings table.
/// </summary>
public sealed class CatalogueFindings(CatalogueStore catalogue, FindingStore findings, IOptions<SyncOptions> options)
{
    private int Parallelism => options.Value.WriteParallelism;

    /// <summary>
    /// <paramref name="now"/>: the findings that hold now; <paramref name="all"/>: every finding in
    /// existence when a full pass read them (null otherwise).
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<FindingKey> now, Dictionary<FindingKey, FindingEntity>? all, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var before = await catalogue.ReadCatalogueFindingsAsync(cancellationToken);
        var after = now.ToHashSet();
        var changes = new List<FindingEntity>();
        var evalWrites = new List<TableTransactionAction>();
        foreach (var key in after)
        {
            FindingEntity? existing = null;
            if (all is not null) all.TryGetValue(key, out existing);
            else if (!before.ContainsKey(key)) existing = await findings.GetAsync(key, cancellationToken);
            else continue;
            if (existing is { Status: FindingEntity.Open })
            {
                if (!before.ContainsKey(key)) evalWrites.Add(new(TableTransactionActionType.UpsertReplace, CatalogueStore.CatalogueFindingRow(key)));
                continue;
            }
            changes.Add(FindingStore.Opened(existing, key, at));
            evalWrites.Add(new(TableTransactionActionType.UpsertReplace, CatalogueStore.CatalogueFindingRow(key)));
        }
        foreach (var (key, row) in before.Where(b => !after.Contains(b.Key)))
        {
            var existing = all is not null ? all.GetValueOrDefault(key) : await findings.GetAsync(key, cancellationToken);
            if (existing is { Status: FindingEntity.Open }) changes.Add(FindingStore.ResolvedCopy(existing, at));
            evalWrites.Add(new(TableTransactionActionType.Delete, row, ETag.All));
        }
        if (all is not null)
        {
            // A full pass also resolves catalogue findings that the eval partition lost track of.
            foreach (var (key, existing) in all.Where(a => CatalogueEvaluator.IsCatalogueRule(a.Key.Rule) && a.Value.Status == FindingEntity.Open && !after.Contains(a.Key) && !before.ContainsKey(a.Key)))
            {
                changes.Add(FindingStore.ResolvedCopy(existing, at));
            }
        }
        await findings.WriteAsync(changes, Parallelism, cancellationToken);
        if (evalWrites.Count > 0) await catalogue.SubmitAsync(evalWrites, Parallelism, cancellationToken);
    }
}
