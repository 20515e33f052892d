namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// Keeps the raw bytes of the last answer read in the current async flow, so a stream can archive
/// exactly what the upstream sent while the generated client parses it.
/// </summary>
public sealed class PageCapture
{
    private static readonly AsyncLocal<PageCapture?> current = new();

    public byte[]? Body { get; private set; }

    /// <summary>Starts capturing for the calls made in this async flow until the scope is disposed.</summary>
    public static Scope Begin()
    {
        var capture = new PageCapture();
        current.Value = capture;
        return new Scope(capture);
    }

    internal static void Record(byte[] body)
    {
        if (current.Value is { } capture) capture.Body = body;
    }

    /// <summary>The capture in force; disposing it stops capturing.</summary>
    public readonly struct Scope(PageCapture capture) : IDisposable
    {
        public PageCapture Capture => capture;

        public void Dispose() => current.Value = null;
    }
}
