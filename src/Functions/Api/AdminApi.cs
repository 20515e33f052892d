using System.Text.Json;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Api;

/// <summary>ICT staff only: province-wide KPIs and findings, triggering syncs, reading runs.</summary>
public sealed class AdminApi(ApiAccess access, ApiReadCache cache, FindingStore findings, ContinuationSeal seal, KpiQuery kpiQuery, RunRequests requests, RunQuery runs, TimeProvider time)
{
    [Function("AdminKpis")]
    public async Task<IActionResult> Kpis(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpis")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        var scope = request.Query["scope"].FirstOrDefault() ?? "province";
        if (scope is not "province" && !scope.StartsWith("level:", StringComparison.Ordinal) && !AgencyCodes.IsWellFormed(scope))
        {
            return Problems.BadRequest("invalid-scope", "scope must be province, level:{Level} or an agency code");
        }
        var period = request.Query["period"].FirstOrDefault() ?? VietnamTime.Date(time.GetUtcNow()).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!ApiInput.IsPeriod(period)) return Problems.BadRequest("invalid-period", ApiInput.PeriodProblem);
        return JsonAnswers.Ok(request, await kpiQuery.ReadAsync(scope, period, cancellationToken));
    }

    [Function("AdminFindings")]
    public async Task<IActionResult> Findings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "findings")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        var agency = request.Query["agency"].FirstOrDefault();
        if (agency is not null && !AgencyCodes.IsWellFormed(agency)) return Problems.BadRequest("invalid-agency-code", "Malformed agency code");
        return await FindingPages.ReadAsync(request, findings, seal, cache, agency, cancellationToken);
    }

    [Function("StartSync")]
    public async Task<IActionResult> StartSync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sync/{source}")] HttpRequest request, string source, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        if (source != "all" && !Sources.IsKnown(source)) return Problems.BadRequest("invalid-source", "source must be all, motcua, portal or lgsp");
        SyncWindow? window = null;
        if (request.ContentLength is > 0 || request.Headers.ContentType.Count > 0)
        {
            try
            {
                var body = await JsonSerializer.DeserializeAsync<WindowBody>(request.Body, JsonSerializerOptions.Web, cancellationToken);
                if (body?.From is not null || body?.To is not null)
                {
                    if (body.From is not { } from || body.To is not { } to || to <= from)
                    {
                        return Problems.BadRequest("invalid-window", "A backfill window needs from and to (ISO 8601 with offset), from before to");
                    }
                    window = new SyncWindow(from, to);
                }
            }
            catch (JsonException)
            {
                return Problems.BadRequest("invalid-window", "The body is not JSON of the form {\"from\": ..., \"to\": ...}");
            }
        }
        // An admin who checked with the source applies a list that lost more rows than allowed (docs/runbook.md#snapshot-shrink).
        var acceptShrink = false;
        if (request.Query["acceptShrink"].FirstOrDefault() is { } acceptText && !bool.TryParse(acceptText, out acceptShrink))
        {
            return Problems.BadRequest("invalid-accept-shrink", "acceptShrink must be true or false");
        }
        RunRequestOutcome outcome;
        try
        {
            // Not the caller's token: once the message is stored the run goes on whatever the caller does.
            outcome = await requests.RequestAsync(source == "all" ? Sources.All : [source], window, acceptShrink, reconcileAfter: true, CancellationToken.None);
        }
        catch (ArgumentException ex) when (window is not null)
        {
            // A window that may not be run (SyncWindow.Refusal) is refused before anything is queued.
            return Problems.BadRequest("invalid-window", "The backfill window cannot be run", ex.Message);
        }
        if (!outcome.Accepted)
        {
            return Problems.Create(409, "sync-in-progress", $"A run of {outcome.BusySource} is queued or running ({outcome.BusyRunId})", "Wait for it to end: GET /api/sync/runs.");
        }
        var started = outcome.Runs;
        request.HttpContext.Response.Headers.Location = "/api/sync/runs/" + started[0].Id;
        return JsonAnswers.Ok(request, new { runId = started[0].Id, runs = started.Select(r => new { source = r.Source, runId = r.Id }) }, 202);
    }

    [Function("SyncRuns")]
    public async Task<IActionResult> Runs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sync/runs")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        var count = 50;
        if (request.Query["count"].FirstOrDefault() is { } text && (!int.TryParse(text, out count) || count is < 1 or > 500))
        {
            return Problems.BadRequest("invalid-count", "count must be between 1 and 500");
        }
        var source = request.Query["source"].FirstOrDefault();
        if (source is not null && !Sources.IsKnown(source) && source != Sources.Reconcile) return Problems.BadRequest("invalid-source", "source must be motcua, portal, lgsp or reconcile");
        return JsonAnswers.Ok(request, new { runs = await runs.LatestAsync(count, source, cancellationToken) });
    }

    [Function("SyncRun")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sync/runs/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        if (id.Length != 28 || id[19] != '-' || !id[..19].All(char.IsAsciiDigit) || !id[20..].All(char.IsAsciiHexDigitLower))
        {
            return Problems.BadRequest("invalid-run-id", "Malformed run id");
        }
        var run = await runs.GetAsync(id, cancellationToken);
        return run is null ? Problems.NotFound($"No run {id}") : JsonAnswers.Ok(request, run);
    }

    private sealed record WindowBody(DateTimeOffset? From, DateTimeOffset? To);
}
