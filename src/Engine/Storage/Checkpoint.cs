using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>Where a stream is: the watermark of its last complete pass and, mid-pass, where to resume.</summary>
public sealed class Checkpoint : ITableEntity
{
    public string PartitionKey { get; set; } = "checkpoint";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Everything changed before this is stored (the next pass starts here, less the overlap).</summary>
    public DateTimeOffset? Watermark { get; set; }
    /// <summary>Mid-pass: the upstream cursor or page number to continue from.</summary>
    public string? Resume { get; set; }
    /// <summary>Mid-pass: the pass's lower bound (updatedSince / tuNgay).</summary>
    public DateTimeOffset? PassFrom { get; set; }
    /// <summary>Mid-pass: the pass's upper bound, the watermark once the pass completes.</summary>
    public DateTimeOffset? PassTo { get; set; }
}
