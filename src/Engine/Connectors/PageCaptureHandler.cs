using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// Buffers each answer, at most <see cref="ResilienceOptions.MaxResponseBytes"/> of it, and hands
/// its bytes to the <see cref="PageCapture"/> in force, if any. A larger answer fails the call as a
/// protocol error (not retried: it would be as large again) instead of filling the worker's memory.
/// </summary>
public sealed class PageCaptureHandler(string system, IOptions<ResilienceOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) return response;
        var max = options.Value.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max) throw TooLarge(response, max);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max) throw TooLarge(response, max);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var buffered = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers) buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = buffered;
        PageCapture.Record(bytes);
        return response;
    }

    private UpstreamException TooLarge(HttpResponseMessage response, long max)
    {
        response.Dispose();
        return new UpstreamException(system, ErrorKind.Protocol, $"an answer larger than {max:N0} bytes (Resilience__MaxResponseBytes) was not read");
    }
}
