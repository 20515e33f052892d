using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A request cut into work items (<see cref="RunGroupStore"/>), in the State table: partition
/// <c>group</c>, the group id as key; which runs it is made of, which have ended, whether a
/// reconciliation follows once all have (its run, recorded Queued with the request).
/// </summary>
public sealed class RunGroupRow
{
    public const string Partition = "group";
    private const string RunsColumn = "Runs";
    private const string EndedColumn = "Ended";
    private const string ReconcileRunColumn = "ReconcileRun";

    public string Key { get; init; } = "";
    public IReadOnlyList<string> Runs { get; init; } = [];
    public IReadOnlyList<string> Ended { get; init; } = [];
    /// <summary>The reconciliation to queue when every run has ended, or null.</summary>
    public string? ReconcileRunId { get; init; }
    public ETag ETag { get; init; }

    /// <summary>Every run of the group has ended.</summary>
    public bool Complete => Runs.All(Ended.Contains);

    public RunGroupRow WithEnded(IEnumerable<string> runs) => new()
    {
        Key = Key, Runs = Runs, ReconcileRunId = ReconcileRunId, ETag = ETag,
        Ended = [.. Ended.Union(runs.Where(Runs.Contains), StringComparer.Ordinal)],
    };

    public TableEntity ToEntity() => new(Partition, Key)
    {
        [RunsColumn] = JsonSerializer.Serialize(Runs),
        [EndedColumn] = JsonSerializer.Serialize(Ended),
        [ReconcileRunColumn] = ReconcileRunId,
    };

    public static RunGroupRow From(TableEntity row) => new()
    {
        Key = row.RowKey,
        Runs = JsonSerializer.Deserialize<List<string>>(row.GetString(RunsColumn) ?? "[]") ?? [],
        Ended = JsonSerializer.Deserialize<List<string>>(row.GetString(EndedColumn) ?? "[]") ?? [],
        ReconcileRunId = row.GetString(ReconcileRunColumn),
        ETag = row.ETag,
    };
}
