using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A procedure's flag history in the Catalogue table (partition <see cref="CatalogueStore.ProcedureFlags"/>,
/// RowKey the procedure code, escaped): since which month each value of its full-online and
/// online-payment flags was in force (<see cref="FlagHistory"/>), as JSON.
/// </summary>
public sealed class ProcedureFlagsRow : ITableEntity
{
    public string PartitionKey { get; set; } = CatalogueStore.ProcedureFlags;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Procedure { get; set; } = "";
    public string History { get; set; } = "[]";

    public static ProcedureFlagsRow From(string procedure, IReadOnlyList<ProcedureFlags> history) => new()
    {
        RowKey = TableKeys.Escape(procedure), Procedure = procedure, History = JsonSerializer.Serialize(history, JsonSerializerOptions.Web),
    };

    public IReadOnlyList<ProcedureFlags> ToHistory() => JsonSerializer.Deserialize<List<ProcedureFlags>>(History, JsonSerializerOptions.Web) ?? [];
}
