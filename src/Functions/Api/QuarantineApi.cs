using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Api;

/// <summary>ICT staff only: upstream records the hub could not store, with their reasons; a retry after a fix.</summary>
public sealed partial class QuarantineApi(ApiAccess access, QuarantineStore quarantine, QuarantineRetry retry)
{
    [Function("QuarantineList")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "quarantine")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        var count = 100;
        if (request.Query["count"].FirstOrDefault() is { } text && (!int.TryParse(text, out count) || count is < 1 or > 1000))
        {
            return Problems.BadRequest("invalid-count", "count must be between 1 and 1000");
        }
        var stream = request.Query["stream"].FirstOrDefault();
        if (stream is not null && !StreamName().IsMatch(stream)) return Problems.BadRequest("invalid-stream", "Malformed stream name (e.g. motcua-dossiers)");
        var run = request.Query["run"].FirstOrDefault();
        if (run is not null && !RunId().IsMatch(run)) return Problems.BadRequest("invalid-run-id", "Malformed run id");
        var status = request.Query["status"].FirstOrDefault();
        if (status is not null and not (QuarantineRow.Held or QuarantineRow.Retried or QuarantineRow.Superseded))
        {
            return Problems.BadRequest("invalid-status", $"status must be {QuarantineRow.Held}, {QuarantineRow.Retried} or {QuarantineRow.Superseded}");
        }
        var rows = await quarantine.ListAsync(stream, run, status, count, cancellationToken);
        return JsonAnswers.Ok(request, new { records = rows.Select(Describe) });
    }

    [Function("QuarantineShow")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "quarantine/{stream}/{id}")] HttpRequest request, string stream, string id, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        if (Invalid(stream, id) is { } invalid) return invalid;
        var row = await quarantine.GetAsync(stream, id, cancellationToken);
        if (row is null) return Problems.NotFound($"No quarantined record {stream}/{id}");
        var json = await quarantine.ReadJsonAsync(row, cancellationToken);
        JsonElement? record = null;
        try
        {
            record = JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            // Kept as received; shown as text below.
        }
        return JsonAnswers.Ok(request, new { quarantined = Describe(row), record, recordText = record is null ? json : null });
    }

    [Function("QuarantineRetry")]
    public async Task<IActionResult> Retry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "quarantine/{stream}/{id}/retry")] HttpRequest request, string stream, string id, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        if (Invalid(stream, id) is { } invalid) return invalid;
        var result = await retry.RetryAsync(stream, id, cancellationToken);
        return result.Outcome switch
        {
            QuarantineRetryOutcome.Stored or QuarantineRetryOutcome.Superseded => JsonAnswers.Ok(request, new { outcome = result.Outcome.ToString(), message = result.Message }),
            QuarantineRetryOutcome.NotFound => Problems.NotFound(result.Message),
            QuarantineRetryOutcome.StillRejected => Problems.Create(422, "still-rejected", "The hub still cannot store this record", result.Message),
            _ => Problems.Create(409, "retry-" + Kebab(result.Outcome), "The record was not retried", result.Message),
        };
    }

    private static object Describe(QuarantineRow r) => new
    {
        id = r.Id, stream = r.Stream, run = r.Run, reason = r.Reason, recordKey = r.RecordKey, status = r.Status, at = r.At, retriedAt = r.RetriedAt,
    };

    private static IActionResult? Invalid(string stream, string id) =>
        !StreamName().IsMatch(stream) ? Problems.BadRequest("invalid-stream", "Malformed stream name (e.g. motcua-dossiers)")
        : !QuarantineId().IsMatch(id) ? Problems.BadRequest("invalid-quarantine-id", "Malformed quarantine id (run id|number, as listed)")
        : null;

    private static string Kebab(QuarantineRetryOutcome outcome) => KebabBoundary().Replace(outcome.ToString(), "$1-$2").ToLowerInvariant();

    [GeneratedRegex("^[a-z]{2,20}(-[a-z]{2,20}){1,3}$")]
    private static partial Regex StreamName();

    [GeneratedRegex("^[0-9]{19}-[0-9a-f]{8}$")]
    private static partial Regex RunId();

    [GeneratedRegex(@"^[0-9]{19}-[0-9a-f]{8}\|[0-9]{6}$")]
    private static partial Regex QuarantineId();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}
