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

/// <summary>Buffers each answer and hands its bytes to the <see cref="PageCapture"/> in force, if any.</summary>
public sealed class PageCaptureHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            PageCapture.Record(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        return response;
    }
}
