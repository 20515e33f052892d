namespace IntegrationHub.Engine.Connectors;

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
