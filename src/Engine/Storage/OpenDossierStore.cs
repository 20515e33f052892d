using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The OpenDossiers table: every dossier still open, kept by the reconciliation, so the weekly review
/// of an agency's dossiers due soon and overdue reads a small table instead of the 64 Dossiers tables.
/// Partitioned like the dossiers (one partition per bucket). A full pass brings a bucket's partition
/// in line, reading it once (<see cref="ReplaceBucketAsync"/>); an incremental one writes only the rows whose
/// fingerprint in the dossier row changed, without reading (<see cref="ApplyChangesAsync"/>): 64 fewer
/// queries per run, each of which the emulator answers by scanning the whole table. The review reads one agency's rows
/// across partitions (<see cref="ReadAgencyAsync"/>).
/// </summary>
public sealed class OpenDossierStore(HubStorage storage)
{
    private const int WritesInFlight = 2;

    private TableClient Table => storage.Table(HubStorage.OpenDossiers);

    /// <summary>
    /// Makes one bucket's rows exactly its open dossiers, after a full pass evaluated every dossier of
    /// the bucket (<paramref name="open"/>: code to the dossier, for those still open).
    /// </summary>
    public async Task ReplaceBucketAsync(string partition, IReadOnlyDictionary<string, OpenDossier> open, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, OpenDossierRow>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in Table.QueryAsync<OpenDossierRow>(filter, maxPerPage: 1000, cancellationToken: cancellationToken)) stored[row.RowKey] = row;

        var actions = new List<TableTransactionAction>();
        foreach (var (code, dossier) in open)
        {
            if (!stored.TryGetValue(code, out var old) || old.ToOpenDossier() != dossier)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, OpenDossierRow.From(dossier)));
            }
        }
        foreach (var (code, old) in stored)
        {
            if (!open.ContainsKey(code)) actions.Add(new(TableTransactionActionType.Delete, old, old.ETag));
        }
        if (actions.Count > 0) await Batches.SubmitAsync(Table, actions, WritesInFlight, cancellationToken);
    }

    /// <summary>
    /// Writes the rows of dossiers whose listing changed (<paramref name="changed"/>: code to the dossier
    /// while open, null once it is no longer, which deletes a row its last evaluation listed).
    /// </summary>
    public async Task ApplyChangesAsync(IReadOnlyDictionary<string, OpenDossier?> changed, CancellationToken cancellationToken)
    {
        var actions = changed.Select(c => c.Value is { } open
            ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, OpenDossierRow.From(open))
            : new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(DossierRows.PartitionOf(c.Key), c.Key), ETag.All)).ToList();
        // A delete of a row already gone (after a full pass that a crash cut short) is ignored.
        await Batches.SubmitIgnoringMissingAsync(_ => Table, actions, WritesInFlight, cancellationToken);
    }

    /// <summary>One agency's open dossiers, earliest due first.</summary>
    public async Task<List<OpenDossier>> ReadAgencyAsync(string agency, CancellationToken cancellationToken)
    {
        var open = new List<OpenDossier>();
        var filter = TableClient.CreateQueryFilter($"Agency eq {agency}");
        await foreach (var row in Table.QueryAsync<OpenDossierRow>(filter, maxPerPage: 1000, cancellationToken: cancellationToken)) open.Add(row.ToOpenDossier());
        return [.. open.OrderBy(d => d.Due).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}
