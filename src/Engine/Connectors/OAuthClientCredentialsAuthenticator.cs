using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Connectors;

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
