using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>One run of a source sync or of the reconciliation, as ICT staff and alerts read it.</summary>
public sealed class RunRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "run";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Source { get; set; } = "";
    public string Status { get; set; } = "Running";
    public DateTimeOffset Started { get; set; }
    public DateTimeOffset? Ended { get; set; }
    public long Records { get; set; }
    public long Pages { get; set; }
    public long Retries { get; set; }
    /// <summary>Upstream records set aside because they could not be stored (<see cref="QuarantineStore"/>).</summary>
    public long Quarantined { get; set; }
    public long DurationMs { get; set; }
    public long StorageOperations { get; set; }
    public string? ErrorKind { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? WindowFrom { get; set; }
    public DateTimeOffset? WindowTo { get; set; }
    /// <summary>Per-stream details as JSON: name, outcome, records, pages, error.</summary>
    public string? Streams { get; set; }
    /// <summary>
    /// The process that ran it last (machine:pid): a run redelivered after its worker died names the one
    /// that finished it; a full reconciliation cut into work items names every process that took part, comma-separated.
    /// </summary>
    public string? Worker { get; set; }

    /// <summary>This process, as <see cref="Worker"/> names it.</summary>
    public static string ThisProcess => $"{Environment.MachineName}:{Environment.ProcessId}";

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => RowKey;
}
