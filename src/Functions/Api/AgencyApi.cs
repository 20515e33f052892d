using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Api;

/// <summary>What an agency (or ICT staff) reads about one agency: connection status, findings, KPIs, services.</summary>
public sealed class AgencyApi(ApiAccess access, ApiReadCache cache, FindingStore findings, ContinuationSeal seal, AgencyStatusQuery status, AgencyServicesQuery services,
    KpiQuery kpiQuery, DueQuery dueQuery, TimeProvider time, ILogger<AgencyApi> logger)
{
    [Function("AgencyStatus")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/status")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (denied, agencies) = await AuthorizeAsync(request, agencyCode, null, cancellationToken);
        if (denied is not null) return denied;
        return JsonAnswers.Ok(request, await cache.Status.GetAsync(agencyCode, ct => status.ReadAsync(agencyCode, agencies.GetValueOrDefault(agencyCode), ct), cancellationToken));
    }

    [Function("AgencyFindings")]
    public async Task<IActionResult> Findings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/findings")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (denied, _) = await AuthorizeAsync(request, agencyCode, null, cancellationToken);
        if (denied is not null) return denied;
        return await FindingPages.ReadAsync(request, findings, seal, cache, agencyCode, cancellationToken);
    }

    [Function("AgencyKpis")]
    public async Task<IActionResult> Kpis(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/kpis")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (period, denied) = await PeriodAndAccessAsync(request, agencyCode, cancellationToken);
        if (denied is not null) return denied;
        return JsonAnswers.Ok(request, await cache.Kpis.GetAsync($"{agencyCode}|{period}", ct => kpiQuery.ReadAsync(agencyCode, period, ct), cancellationToken));
    }

    [Function("AgencyServices")]
    public async Task<IActionResult> Services(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/services")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (period, denied) = await PeriodAndAccessAsync(request, agencyCode, cancellationToken);
        if (denied is not null) return denied;

        return JsonAnswers.Ok(request, await services.ReadAsync(agencyCode, period, cancellationToken));
    }

    /// <summary>The weekly review: the agency's open dossiers overdue and due within <c>days</c> (default 7).</summary>
    [Function("AgencyDue")]
    public async Task<IActionResult> Due(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/due")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (denied, _) = await AuthorizeAsync(request, agencyCode, null, cancellationToken);
        if (denied is not null) return denied;
        var days = DueReview.DefaultDays;
        if (request.Query["days"].FirstOrDefault() is { } text
            && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out days) || days is < 1 or > DueReview.MaxDays))
        {
            return Problems.BadRequest("invalid-days", $"days must be a whole number from 1 to {DueReview.MaxDays}", $"'{Clip(text)}' is not.");
        }
        return JsonAnswers.Ok(request, await dueQuery.ReadAsync(agencyCode, time.GetUtcNow(), days, cancellationToken));
    }

    /// <summary>The period asked for (default: this year), checked, and the caller's right to it.</summary>
    private async Task<(string Period, IActionResult? Denied)> PeriodAndAccessAsync(HttpRequest request, string agencyCode, CancellationToken cancellationToken)
    {
        var period = request.Query["period"].FirstOrDefault() ?? VietnamTime.Date(time.GetUtcNow()).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!ApiInput.IsPeriod(period)) return (period, Problems.BadRequest("invalid-period", ApiInput.PeriodProblem, $"'{Clip(period)}' is none of them."));
        var (denied, _) = await AuthorizeAsync(request, agencyCode, period, cancellationToken);
        return (period, denied);
    }

    /// <summary>401 without a valid key, 400 for a malformed code, 403 for an agency the key may not read (on the period's last day, or today).</summary>
    private async Task<(IActionResult? Denied, Dictionary<string, AgencyEntry> Agencies)> AuthorizeAsync(
        HttpRequest request, string agencyCode, string? period, CancellationToken cancellationToken)
    {
        var caller = await access.AuthenticateAsync(request, cancellationToken);
        if (caller is null) return (Problems.Unauthorized(), []);
        // The key's id (never the key) and the agency asked about go with every log line of the request.
        logger.LogInformation("Agency API {Path} for {AgencyCode} by key {KeyId}", request.Path.Value, agencyCode, caller.KeyId);
        if (!AgencyCodes.IsWellFormed(agencyCode))
        {
            return (Problems.BadRequest("invalid-agency-code", "Malformed agency code", $"'{Clip(agencyCode)}' does not follow the national scheme (e.g. 000.00.01.H10)."), []);
        }
        var agencies = await access.AgenciesAsync(cancellationToken);
        var today = VietnamTime.Date(time.GetUtcNow());
        var day = period is null ? today : ApiInput.LastDayOf(period, today);
        if (!ApiAccess.MayRead(caller, agencyCode, day, agencies)) return (Problems.Forbidden(agencyCode), agencies);
        if (caller.Role == ApiRole.Admin && !agencies.ContainsKey(agencyCode)) return (Problems.NotFound($"No agency {agencyCode}"), agencies);
        return (null, agencies);
    }

    internal static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
