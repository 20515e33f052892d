using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>LGSP: base URL and credentials for the configured auth scheme (section "Lgsp").</summary>
public sealed class LgspOptions
{
    [Required, Connectors.UpstreamUrl] public string BaseUrl { get; set; } = "";
    public LgspAuthScheme AuthScheme { get; set; } = LgspAuthScheme.OAuthClientCredentials;
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string AppName { get; set; } = "";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
}
