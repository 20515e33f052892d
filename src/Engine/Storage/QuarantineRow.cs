using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The index row of one quarantined upstream record: PartitionKey the stream, RowKey the run and
/// the record's place in it (<see cref="Id"/>); the record itself is a blob (<see cref="Blob"/>).
/// </summary>
public sealed class QuarantineRow : ITableEntity
{
    /// <summary>Set aside, waiting for the upstream to correct it or an admin to retry it.</summary>
    public const string Held = "Held";
    /// <summary>Stored by a retry.</summary>
    public const string Retried = "Retried";
    /// <summary>A retry found a version at least as new already stored: nothing to do.</summary>
    public const string Superseded = "Superseded";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Stream { get; set; } = "";
    public string Run { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>The record's key (a dossier code, a procedure code), when it has one.</summary>
    public string? RecordKey { get; set; }
    public string Blob { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Status { get; set; } = Held;
    public DateTimeOffset? RetriedAt { get; set; }

    /// <summary>How staff name it: stream and RowKey, "motcua-dossiers/2516...-ab12|000003".</summary>
    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => Stream + "/" + RowKey;

    public static string RowKeyOf(string runId, long sequence) => $"{runId}|{sequence:D6}";
}
