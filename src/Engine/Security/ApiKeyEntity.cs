using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Security;

/// <summary>A key as stored: its id, owner and a hash of the secret; never the secret itself.</summary>
public sealed class ApiKeyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "key";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Agency { get; set; } = "";
    public string Role { get; set; } = nameof(ApiRole.Agency);
    public string Label { get; set; } = "";
    /// <summary>SHA-256 of the whole key, hex. Keys are 256-bit random, so no salt or stretching is needed.</summary>
    public string Hash { get; set; } = "";
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Revoked { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => RowKey;
}
