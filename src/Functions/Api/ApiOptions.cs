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
}
