namespace IntegrationHub.Engine.Connectors;

/// <summary>An upstream refused or failed in a way retries did not fix.</summary>
public sealed class UpstreamException(string system, ErrorKind kind, string message, Exception? inner = null)
    : Exception($"{system}: {message}", inner)
{
    public string System { get; } = system;
    public ErrorKind Kind { get; } = kind;
}
