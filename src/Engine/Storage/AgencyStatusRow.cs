using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// An agency's status as published when a reconciliation ends (<see cref="StatusStore"/>, partition
/// <see cref="StatusStore.AgencyPartition"/>, row key the agency code): its name and level, its LGSP
/// applications, its data services and its open findings by rule, each list as JSON.
/// </summary>
public sealed class AgencyStatusRow : ITableEntity
{
    public string PartitionKey { get; set; } = StatusStore.AgencyPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Agency { get; set; } = "";
    public string? Name { get; set; }
    public string? Level { get; set; }
    /// <summary>JSON array of the agency's applications (Queries.ApplicationStatus).</summary>
    public string Applications { get; set; } = "[]";
    /// <summary>JSON array of the data services it owns or consumes (Queries.DataServiceStatus).</summary>
    public string DataServices { get; set; } = "[]";
    /// <summary>JSON object: rule to the number of its open findings.</summary>
    public string OpenFindings { get; set; } = "{}";
    /// <summary>When the row was published: the end of the reconciliation whose findings it counts.</summary>
    public DateTimeOffset Published { get; set; }
}
