using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

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
