using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Api;

/// <summary>
/// Seals a storage continuation token to the query it continues, with an HMAC-SHA256 under a key
/// only the hub holds: a token of another query, altered, or made up is refused (400) before
/// anything reaches storage.
/// </summary>
public sealed class ContinuationSeal
{
    private const int MinimumKeyBytes = 32;
    private const int MaximumTokenLength = 4096;
    private readonly byte[] key;

    public ContinuationSeal(IOptions<ApiOptions> options, ILogger<ContinuationSeal> logger)
    {
        var configured = options.Value.ContinuationKey;
        if (string.IsNullOrEmpty(configured))
        {
            key = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
            logger.LogWarning("Api__ContinuationKey is not set: continuation tokens are sealed with a key of this process only.");
            return;
        }
        try
        {
            key = Convert.FromBase64String(configured);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Api__ContinuationKey is not base64.");
        }
        if (key.Length < MinimumKeyBytes) throw new InvalidOperationException($"Api__ContinuationKey has {key.Length} bytes; at least {MinimumKeyBytes}.");
    }

    /// <summary>The token the caller passes back: the storage's continuation and its seal.</summary>
    public string Seal(string upstream, string query)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new[] { upstream, Convert.ToBase64String(Mac(upstream, query)) });
        return Convert.ToBase64String(payload).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Opens a token sealed for <paramref name="query"/>; false for anything else.</summary>
    public bool TryOpen(string token, string query, out string? upstream)
    {
        upstream = null;
        if (token.Length is 0 or > MaximumTokenLength) return false;
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(padded));
            if (parts is not { Length: 2 } || string.IsNullOrEmpty(parts[0])) return false;
            if (!CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(parts[1]), Mac(parts[0], query))) return false;
            upstream = parts[0];
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    private byte[] Mac(string upstream, string query) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(query + "\n" + upstream));
}
