using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Api;

/// <summary>
/// Who may read what. An agency key reads its own agency, and the agencies below it in the hierarchy
/// on the date asked about (a district's communes until 30 June 2025); an admin key reads all.
/// </summary>
public sealed class ApiAccess(ApiKeyStore keys, CatalogueStore catalogue, IOptions<ApiOptions> options)
{
    public const string Header = "X-Api-Key";

    // Kept a few seconds per instance (ApiOptions.CacheSeconds): a key revoked, or an agency moved,
    // takes effect within that time on every instance.
    private readonly TimedCache<ApiPrincipal?> principals = new(options.Value.CacheLifetime, TimeProvider.System);
    private readonly TimedCache<Dictionary<string, AgencyEntry>> agencies = new(options.Value.CacheLifetime, TimeProvider.System);

    public Task<ApiPrincipal?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.Headers[Header].FirstOrDefault() is { } presented
            ? principals.GetAsync(presented, ct => keys.AuthenticateAsync(presented, ct), cancellationToken)
            : Task.FromResult<ApiPrincipal?>(null);

    /// <summary>The problem answer for a caller without an admin key (401 or 403); null for ICT staff.</summary>
    public async Task<IActionResult?> DenyUnlessAdminAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await AuthenticateAsync(request, cancellationToken);
        return caller is null ? Problems.Unauthorized() : caller.Role != ApiRole.Admin ? Problems.AdminOnly() : null;
    }

    /// <summary>The agencies as the Catalogue holds them: code to (parent, valid from, valid to, level, name).</summary>
    public Task<Dictionary<string, AgencyEntry>> AgenciesAsync(CancellationToken cancellationToken) =>
        agencies.GetAsync("", catalogue.ReadAgenciesAsync, cancellationToken);

    public static bool MayRead(ApiPrincipal caller, string agency, DateOnly day, IReadOnlyDictionary<string, AgencyEntry> agencies)
    {
        if (caller.Role == ApiRole.Admin || caller.Agency == agency) return true;
        if (!agencies.TryGetValue(agency, out var target) || !target.ValidOn(day)) return false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var parent = target.Parent; parent is not null && seen.Add(parent); parent = agencies.GetValueOrDefault(parent)?.Parent)
        {
            if (parent == caller.Agency) return agencies.TryGetValue(parent, out var p) && p.ValidOn(day);
        }
        return false;
    }
}
