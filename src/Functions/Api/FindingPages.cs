using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Functions.Api;

/// <summary>Findings, paged with continuation tokens sealed to the query they came from (<see cref="ContinuationSeal"/>).</summary>
public static class FindingPages
{
    public static async Task<IActionResult> ReadAsync(HttpRequest request, FindingStore findings, ContinuationSeal seal, ApiReadCache cache, string? agency, CancellationToken cancellationToken)
    {
        var rule = request.Query["rule"].FirstOrDefault();
        if (rule is not null && !Rules.All.Contains(rule)) return Problems.BadRequest("invalid-rule", "Unknown rule", $"'{AgencyApi.Clip(rule)}' is not one of: {string.Join(", ", Rules.All)}.");
        var status = request.Query["status"].FirstOrDefault() ?? "open";
        if (status is not ("open" or "resolved" or "all")) return Problems.BadRequest("invalid-status", "status must be open, resolved or all");
        var pageSize = 100;
        if (request.Query["pageSize"].FirstOrDefault() is { } size && (!int.TryParse(size, out pageSize) || pageSize is < 1 or > 1000))
        {
            return Problems.BadRequest("invalid-page-size", "pageSize must be between 1 and 1000");
        }
        var query = $"{agency}|{rule}|{status}";
        string? upstreamToken = null;
        if (request.Query["continuation"].FirstOrDefault() is { } token && !seal.TryOpen(token, query, out upstreamToken))
        {
            return Problems.BadRequest("invalid-continuation", "Malformed continuation token", "Pass back the continuation of the previous page, with the same query.");
        }

        FindingPage page;
        try
        {
            page = await cache.Findings.GetAsync($"{query}|{pageSize}|{upstreamToken}", ct => ReadPageAsync(findings, agency, rule, status, pageSize, upstreamToken, ct), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 400)
        {
            return Problems.BadRequest("invalid-continuation", "The continuation token is no longer valid");
        }
        var next = page.Continuation is { } more ? seal.Seal(more, query) : null;
        return JsonAnswers.Ok(request, new { items = page.Items, continuation = next });
    }

    private static async Task<FindingPage> ReadPageAsync(FindingStore findings, string? agency, string? rule, string status, int pageSize, string? upstreamToken, CancellationToken cancellationToken)
    {
        var stored = status == "all" ? null : status == "open" ? FindingEntity.Open : FindingEntity.Resolved;
        var (found, next) = await findings.ReadPageAsync(agency, rule, stored, pageSize, upstreamToken, cancellationToken);
        var items = found.Select(f => (object)new
        {
            rule = f.Rule, agency = f.Agency, subject = f.Subject, status = f.Status.ToLowerInvariant(),
            firstSeen = f.FirstSeen, lastSeen = f.LastSeen, resolvedAt = f.ResolvedAt,
        }).ToList();
        return new FindingPage(items, next);
    }
}
