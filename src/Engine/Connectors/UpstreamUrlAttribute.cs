using System.ComponentModel.DataAnnotations;
using System.Net;

namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// An upstream base URL: absolute, and https unless the host is this machine (the simulators, a
/// local tunnel). Upstream credentials (an API key, the portal's password, LGSP secrets) must never
/// cross a network in clear.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UpstreamUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || text.Length == 0 || IsAllowed(text);

    public override string FormatErrorMessage(string name) => $"{name} must be an absolute https URL (http only for localhost / 127.0.0.1 / ::1).";

    public static bool IsAllowed(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
