using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Functions.Api;

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
