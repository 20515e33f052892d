using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Reads the province's record of every dossier of one bucket, and nothing else of the row: for
/// reports that list dossiers (the scorecard's late dossiers), not for reconciliation.
/// </summary>
public sealed class DossierScan(HubStorage storage)
{
    public async IAsyncEnumerable<(string Code, ProvinceRecord Record)> ProvinceRecordsAsync(
        string partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = storage.DossierTable(partition);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", DossierRows.ProvinceColumn], cancellationToken: cancellationToken))
        {
            if (DossierRows.IsMarker(row.RowKey) || row.GetString(DossierRows.ProvinceColumn) is not { } text) continue;
            yield return (row.RowKey, RecordText.ReadProvince(text));
        }
    }
}
