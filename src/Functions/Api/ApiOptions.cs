namespace IntegrationHub.Functions.Api;

/// <summary>The HTTP API (section "Api").</summary>
public sealed class ApiOptions
{
    /// <summary>
    /// The key that seals continuation tokens (base64, at least 32 bytes; in Azure the Key Vault
    /// secret <c>api-continuation-key</c>). Unset: a random key per process, so tokens do not
    /// survive a restart nor cross instances (fine for one local host, not for Azure).
    /// </summary>
    public string? ContinuationKey { get; set; }

    /// <summary>
    /// How long an instance keeps what it read for the API (keys, agencies, an agency's status, KPIs,
    /// pages of findings) before reading again: agencies poll far more often than the data changes
    /// (a sync or reconciliation every few minutes). A revoked key stops working within this time.
    /// 0: read on every request.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 300)]
    public int CacheSeconds { get; set; } = 5;

    public TimeSpan CacheLifetime => TimeSpan.FromSeconds(CacheSeconds);
}
