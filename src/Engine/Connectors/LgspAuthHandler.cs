using System.Net;

namespace IntegrationHub.Engine.Connectors;

/// <summary>Authenticates every LGSP call; on a 401 it drops the cached credentials and tries once more.</summary>
public sealed class LgspAuthHandler(ILgspAuthenticator authenticator) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await authenticator.ApplyAsync(request, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        response.Dispose();
        authenticator.Invalidate();
        await authenticator.ApplyAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
