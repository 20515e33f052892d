using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A source's connection as published when one of its runs ends (<see cref="StatusStore"/>, partition
/// <see cref="StatusStore.SourcePartition"/>, row key the source): the facts its state is judged from
/// when read (the state itself depends on the time of reading: a success goes stale).
/// </summary>
public sealed class SourceStatusRow : ITableEntity
{
    public string PartitionKey { get; set; } = StatusStore.SourcePartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Source { get; set; } = "";
    /// <summary>The outcome of the latest finished run, or null if none finished.</summary>
    public string? LastStatus { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? LastSuccess { get; set; }
    public DateTimeOffset? LastFailure { get; set; }
    public string? LastFailureKind { get; set; }
    /// <summary>How far the source's data is synced (its main feed's watermark; LGSP: the last success).</summary>
    public DateTimeOffset? Watermark { get; set; }
    public DateTimeOffset Published { get; set; }
}
