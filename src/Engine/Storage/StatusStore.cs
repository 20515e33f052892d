using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The Status table: what agencies poll, kept current when runs end instead of recomputed per request:
/// a row per agency (<see cref="AgencyStatusRow"/>) and a row per source (<see cref="SourceStatusRow"/>).
/// </summary>
public sealed class StatusStore(HubStorage storage)
{
    public const string AgencyPartition = "agency";
    public const string SourcePartition = "source";

    private TableClient Table => storage.Table(HubStorage.Status);

    public async Task<AgencyStatusRow?> ReadAgencyAsync(string agency, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<AgencyStatusRow>(AgencyPartition, TableKeys.Escape(agency), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<List<AgencyStatusRow>> ReadAgenciesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<AgencyStatusRow>();
        await foreach (var row in Table.QueryAsync<AgencyStatusRow>(r => r.PartitionKey == AgencyPartition, maxPerPage: 1000, cancellationToken: cancellationToken)) rows.Add(row);
        return rows;
    }

    public async Task<List<SourceStatusRow>> ReadSourcesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<SourceStatusRow>();
        await foreach (var row in Table.QueryAsync<SourceStatusRow>(r => r.PartitionKey == SourcePartition, cancellationToken: cancellationToken)) rows.Add(row);
        return rows;
    }

    /// <summary>Replaces every agency row: writes the given ones, deletes those of agencies no longer there.</summary>
    public async Task WriteAgenciesAsync(IReadOnlyList<AgencyStatusRow> rows, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        var wanted = rows.Select(r => TableKeys.Escape(r.Agency)).ToHashSet(StringComparer.Ordinal);
        await foreach (var old in Table.QueryAsync<TableEntity>(r => r.PartitionKey == AgencyPartition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (!wanted.Contains(old.RowKey)) stale.Add(old.RowKey);
        }
        var actions = rows.Select(r =>
        {
            r.PartitionKey = AgencyPartition;
            r.RowKey = TableKeys.Escape(r.Agency);
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, Checked(r));
        }).Concat(stale.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(AgencyPartition, k), ETag.All)));
        await Batches.SubmitAsync(Table, actions, parallelism: 4, cancellationToken);
    }

    public Task WriteSourceAsync(SourceStatusRow row, CancellationToken cancellationToken)
    {
        row.PartitionKey = SourcePartition;
        row.RowKey = row.Source;
        return Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Table Storage refuses a string column over 32K characters (Azurite does not): refused here, naming the agency.</summary>
    private static AgencyStatusRow Checked(AgencyStatusRow row)
    {
        if (row.DataServices.Length > TableLimits.MaxStringChars || row.Applications.Length > TableLimits.MaxStringChars || row.OpenFindings.Length > TableLimits.MaxStringChars)
        {
            throw new InvalidOperationException($"The status of {row.Agency} is larger than a Table Storage column ({TableLimits.MaxStringChars:N0} characters).");
        }
        return row;
    }
}
