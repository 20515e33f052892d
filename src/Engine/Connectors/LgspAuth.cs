using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Connectors;

/// <summary>How the hub proves itself to LGSP. Provinces differ, so this is the pluggable part of the connector.</summary>
public interface ILgspAuthenticator
{
    /// <summary>Adds credentials to an outgoing request.</summary>
    Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Forgets cached credentials after LGSP refused them.</summary>
    void Invalidate();
}

/// <summary>OAuth2 client credentials (RFC 6749 §4.4): a bearer token cached until shortly before it expires.</summary>
public sealed class OAuthClientCredentialsAuthenticator(IHttpClientFactory factory, IOptions<LgspOptions> options, TimeProvider time) : ILgspAuthenticator
{
    public const string TokenClientName = "lgsp-token";
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset Expires)? cached;

    public async Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
    }

    public void Invalidate() => cached = null;

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (cached is { } c && c.Expires > time.GetUtcNow()) return c.Token;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && again.Expires > time.GetUtcNow()) return again.Token;
            var o = options.Value;
            using var response = await factory.CreateClient(TokenClientName).PostAsync("token", new FormUrlEncodedContent([
                KeyValuePair.Create("grant_type", "client_credentials"),
                KeyValuePair.Create("client_id", o.ClientId),
                KeyValuePair.Create("client_secret", o.ClientSecret),
            ]), cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                throw new UpstreamException(UpstreamSystems.Lgsp, ErrorKind.Unauthorized, $"token refused ({(int)response.StatusCode})");
            }
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken)
                ?? throw new UpstreamException(UpstreamSystems.Lgsp, ErrorKind.Malformed, "empty token answer");
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn)) - Skew;
            cached = (token.AccessToken, time.GetUtcNow() + (lifetime > TimeSpan.Zero ? lifetime : TimeSpan.Zero));
            return token.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>The app name + access key + secret key scheme some provincial LGSPs use instead of OAuth2.</summary>
public sealed class AccessKeyAuthenticator(IOptions<LgspOptions> options) : ILgspAuthenticator
{
    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        request.Headers.Remove("X-App-Name");
        request.Headers.Remove("X-Access-Key");
        request.Headers.Remove("X-Secret-Key");
        request.Headers.Add("X-App-Name", o.AppName);
        request.Headers.Add("X-Access-Key", o.AccessKey);
        request.Headers.Add("X-Secret-Key", o.SecretKey);
        return Task.CompletedTask;
    }

    public void Invalidate()
    {
    }
}

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
