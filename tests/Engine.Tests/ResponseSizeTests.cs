using System.Net;
using IntegrationHub.Engine.Connectors;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Tests;

/// <summary>An answer larger than Resilience__MaxResponseBytes is not read into memory: the call fails as a protocol error.</summary>
public sealed class ResponseSizeTests
{
    private sealed class Answer(HttpContent content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }

    /// <summary>A body of unknown length (chunked): only counting the bytes as they come can stop it.</summary>
    private sealed class Unsized(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpContent content, long max)
    {
        var options = Options.Create(new ResilienceOptions { MaxResponseBytes = max });
        using var invoker = new HttpMessageInvoker(new PageCaptureHandler("motcua", options) { InnerHandler = new Answer(content) });
        using var capture = PageCapture.Begin();
        var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/page"), CancellationToken.None);
        Assert.Equal(await response.Content.ReadAsByteArrayAsync(), capture.Capture.Body);
        return response;
    }

    [Fact]
    public async Task AnAnswerWithinTheLimitIsReadAndCaptured()
    {
        using var response = await SendAsync(new ByteArrayContent(new byte[4096]), 4096);
        Assert.Equal(4096, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task ALargerAnswerFailsTheCall_WhetherItsLengthIsDeclaredOrNot()
    {
        foreach (var content in new HttpContent[] { new ByteArrayContent(new byte[4097]), new Unsized(new byte[50_000]) })
        {
            var ex = await Assert.ThrowsAsync<UpstreamException>(() => SendAsync(content, 4096));
            Assert.Equal(ErrorKind.Protocol, ex.Kind);
            Assert.Contains("larger than 4,096 bytes", ex.Message);
        }
    }
}
