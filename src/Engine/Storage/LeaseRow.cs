using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>A lease row of the State table (<see cref="LeaseStore"/>): partition <c>lease</c>, the lease's name as key.</summary>
public sealed class LeaseRow
{
    public const string Partition = "lease";
    public const string HolderColumn = "Holder";
    public const string ExpiresColumn = "Expires";

    public string RowKey { get; init; } = "";
    public string Holder { get; init; } = "";
    public DateTimeOffset Expires { get; init; }

    public TableEntity ToEntity() => new(Partition, RowKey) { [HolderColumn] = Holder, [ExpiresColumn] = Expires };

    public static LeaseRow From(TableEntity row) => new()
    {
        RowKey = row.RowKey,
        Holder = row.GetString(HolderColumn) ?? "",
        Expires = row.GetDateTimeOffset(ExpiresColumn) ?? DateTimeOffset.MinValue,
    };
}
