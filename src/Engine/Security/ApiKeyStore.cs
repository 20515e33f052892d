using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Security;

/// <summary>
/// Per-agency API keys: created (shown once), listed, revoked; stored only as hashes. A key reads
/// "hub_{id}_{secret}": the id finds the row with one point read, the secret is compared as a hash
/// in constant time. Every call reads the key; the API keeps what it authenticated for
/// Api__CacheSeconds, so a revocation takes effect there within that time.
/// </summary>
public sealed class ApiKeyStore(HubStorage storage, TimeProvider time)
{
    private const string Prefix = "hub_";
    private TableClient Table => storage.Table(HubStorage.ApiKeys);

    public async Task<(ApiKeyEntity Key, string Secret)> CreateAsync(ApiRole role, string agency, string label, CancellationToken cancellationToken)
    {
        if (role == ApiRole.Agency && !AgencyCodes.IsWellFormed(agency)) throw new ArgumentException($"'{agency}' is not an agency code.", nameof(agency));
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var secret = Prefix + id + "_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKeyEntity
        {
            RowKey = id, Agency = role == ApiRole.Admin ? "*" : agency, Role = role.ToString(), Label = label,
            Hash = HashOf(secret), Created = time.GetUtcNow(),
        };
        await Table.AddEntityAsync(key, cancellationToken);
        return (key, secret);
    }

    public async Task<List<ApiKeyEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyEntity>();
        await foreach (var key in Table.QueryAsync<ApiKeyEntity>(k => k.PartitionKey == "key", cancellationToken: cancellationToken)) keys.Add(key);
        return keys;
    }

    /// <summary>Revokes a key; false if there is no such key.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<ApiKeyEntity>("key", id, cancellationToken: cancellationToken);
        if (!found.HasValue) return false;
        var key = found.Value!;
        key.Revoked ??= time.GetUtcNow();
        await Table.UpdateEntityAsync(key, key.ETag, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    /// <summary>The principal of a presented key, or null if it is missing, unknown, wrong or revoked.</summary>
    public async Task<ApiPrincipal?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (presented is null || presented.Length > 200 || !presented.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = presented.Split('_', 3);
        if (parts.Length != 3 || parts[1].Length != 12 || !parts[1].All(char.IsAsciiHexDigitLower)) return null;
        var found = await Table.GetEntityIfExistsAsync<ApiKeyEntity>("key", parts[1], cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var key = found.Value!;
        var expected = Convert.FromHexString(key.Hash);
        var actual = Convert.FromHexString(HashOf(presented));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual) || key.Revoked is not null) return null;
        return new ApiPrincipal(key.Id, Enum.Parse<ApiRole>(key.Role), key.Agency);
    }

    private static string HashOf(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
