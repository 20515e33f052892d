using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>The national portal: base URL, account and unit code (section "Portal").</summary>
public sealed class PortalOptions
{
    [Required, Connectors.UpstreamUrl] public string BaseUrl { get; set; } = "";
    [Required] public string Username { get; set; } = "";
    [Required] public string Password { get; set; } = "";
    /// <summary>The province's unit code, sent as dstcode and madonvi.</summary>
    [Required] public string UnitCode { get; set; } = "";
    [Range(1, 5000)] public int PageSize { get; set; } = 2000;
}
