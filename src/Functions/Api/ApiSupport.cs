using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Api;

/// <summary>Every API error: RFC 9457 problem+json with a stable type; never a secret or a stack trace.</summary>
public static class Problems
{
    public const string TypePrefix = "urn:integration-hub:problem:";

    public static IActionResult Create(int status, string type, string title, string? detail = null)
    {
        var body = JsonSerializer.Serialize(new { type = TypePrefix + type, title, status, detail }, JsonSerializerOptions.Web);
        Engine.Telemetry.HubMetrics.ApiAnswered(status);
        return new ContentResult { StatusCode = status, ContentType = "application/problem+json", Content = body };
    }

    public static IActionResult Unauthorized() =>
        Create(401, "unauthorized", "A valid API key is required", "Send the key ICT staff issued to you in the X-Api-Key header.");

    public static IActionResult Forbidden(string agency) =>
        Create(403, "forbidden", "This key may not read that agency", $"The key reads its own agency and those below it; {agency} is neither on the date asked about.");

    public static IActionResult AdminOnly() => Create(403, "admin-only", "This operation needs an ICT staff (admin) key");

    public static IActionResult BadRequest(string type, string title, string? detail = null) => Create(400, type, title, detail);

    public static IActionResult NotFound(string title) => Create(404, "not-found", title);
}

/// <summary>JSON answers with an ETag; a matching If-None-Match gets 304 without a body.</summary>
public static class JsonAnswers
{
    public static IActionResult Ok(HttpRequest request, object body, int status = 200)
    {
        var json = JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 12).ToLowerInvariant() + "\"";
        request.HttpContext.Response.Headers.ETag = etag;
        request.HttpContext.Response.Headers.CacheControl = "private, no-cache";
        if (status == 200 && request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(etag)))
        {
            Engine.Telemetry.HubMetrics.ApiAnswered(304);
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }
        Engine.Telemetry.HubMetrics.ApiAnswered(status);
        return new ContentResult { StatusCode = status, ContentType = "application/json; charset=utf-8", Content = json };
    }
}

/// <summary>Validates what callers send: agency codes, periods, rules, statuses.</summary>
public static class ApiInput
{
    /// <summary>"yyyy-MM" or "yyyy", a real month and a sensible year.</summary>
    public static bool IsPeriod(string? value) =>
        value is { Length: 4 } && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
        || value is { Length: 7 } && value[4] == '-' && IsPeriod(value[..4])
           && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12;

    /// <summary>The last day a period covers (the date hierarchy questions are asked about).</summary>
    public static DateOnly LastDayOf(string period, DateOnly today)
    {
        var year = int.Parse(period[..4], CultureInfo.InvariantCulture);
        var last = period.Length == 4 ? new DateOnly(year, 12, 31) : new DateOnly(year, int.Parse(period[5..], CultureInfo.InvariantCulture), 1).AddMonths(1).AddDays(-1);
        return last < today ? last : today;
    }
}

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

