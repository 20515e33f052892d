using System.Text.Json;
using Azure.Data.Tables;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Turns a page's records into rows, one record at a time: a record whose row cannot be made (a
/// missing code, a bad date) or would be refused by Table Storage (<see cref="TableLimits"/>, or
/// the stream's own rule) is set aside with its reason instead of failing the page. Pure.
/// </summary>
public static class RecordGate
{
    public static (List<TableEntity> Rows, List<RejectedRecord> Rejected) Admit<T>(
        IEnumerable<T> items, Func<T, TableEntity> toRow, Func<TableEntity, string?>? streamRule = null)
    {
        var rows = new List<TableEntity>();
        var rejected = new List<RejectedRecord>();
        foreach (var item in items)
        {
            TableEntity row;
            try
            {
                row = toRow(item);
            }
            catch (Exception ex) when (ex is NullReferenceException or ArgumentException or FormatException or InvalidOperationException or OverflowException)
            {
                rejected.Add(new RejectedRecord(Reason(ex), Json(item)));
                continue;
            }
            if ((TableLimits.Problem(row) ?? streamRule?.Invoke(row)) is { } problem)
            {
                rejected.Add(new RejectedRecord(problem, Json(item), Key(row)));
                continue;
            }
            rows.Add(row);
        }
        return (rows, rejected);
    }

    private static string Reason(Exception ex) => ex is NullReferenceException or ArgumentNullException
        ? "a field the hub needs is missing"
        : ex.Message.Split('\n')[0];

    private static string? Key(TableEntity row) => string.IsNullOrEmpty(row.RowKey) ? null : row.RowKey.Length > 200 ? row.RowKey[..200] : row.RowKey;

    private static string Json<T>(T item) => JsonSerializer.Serialize(item, JsonSerializerOptions.Web);
}
