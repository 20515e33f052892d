using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>A finding as stored: PartitionKey the agency (<see cref="PartitionOf"/>; agencies read their own), RowKey rule|subject.</summary>
public sealed class FindingEntity : ITableEntity
{
    public const string Open = "Open";
    public const string Resolved = "Resolved";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Rule { get; set; } = "";
    public string Agency { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Status { get; set; } = Open;
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public FindingKey Key => new(Rule, Agency, Subject);

    /// <summary>The partition of an agency's findings: its code, escaped (<see cref="TableKeys"/>; well-formed codes are unchanged).</summary>
    public static string PartitionOf(string agency) => TableKeys.Escape(agency);

    /// <summary>Row keys may not hold / \ # ? or control characters: the subject is escaped (<see cref="TableKeys"/>).</summary>
    public static string RowKeyOf(string rule, string subject) => rule + "|" + TableKeys.Escape(subject);

    public static FindingEntity New(FindingKey key, DateTimeOffset now) => new()
    {
        PartitionKey = PartitionOf(key.Agency),
        RowKey = RowKeyOf(key.Rule, key.Subject),
        Rule = key.Rule,
        Agency = key.Agency,
        Subject = key.Subject,
        Status = Open,
        FirstSeen = now,
        LastSeen = now,
    };
}
