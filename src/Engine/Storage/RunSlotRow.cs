using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>A run slot of the State table (<see cref="RunSlotStore"/>): partition <c>slot</c>, the source (or <c>reconcile</c>) as key.</summary>
public sealed class RunSlotRow
{
    public const string Partition = "slot";
    private const string RunIdColumn = "RunId";
    private const string ClaimedColumn = "Claimed";

    public string Key { get; init; } = "";
    public string RunId { get; init; } = "";
    public DateTimeOffset Claimed { get; init; }
    public ETag ETag { get; init; }

    public TableEntity ToEntity() => new(Partition, Key) { [RunIdColumn] = RunId, [ClaimedColumn] = Claimed };

    public static RunSlotRow From(TableEntity row) => new()
    {
        Key = row.RowKey,
        RunId = row.GetString(RunIdColumn) ?? "",
        Claimed = row.GetDateTimeOffset(ClaimedColumn) ?? DateTimeOffset.MinValue,
        ETag = row.ETag,
    };
}
