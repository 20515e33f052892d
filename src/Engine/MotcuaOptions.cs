using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>The provincial case system: base URL and API key (section "Motcua").</summary>
public sealed class MotcuaOptions
{
    [Required, Connectors.UpstreamUrl] public string BaseUrl { get; set; } = "";
    [Required] public string ApiKey { get; set; } = "";
    [Range(1, 5000)] public int PageSize { get; set; } = 2000;
}
