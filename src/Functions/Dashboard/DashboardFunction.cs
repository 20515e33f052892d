using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Dashboard;

/// <summary>
/// Serves the dashboard (<see cref="DashboardAssets"/>) at /api/dashboard/. The pages hold no data:
/// the browser asks the API with the key the user signs in with, kept in the tab's session storage.
/// </summary>
public sealed class DashboardFunction
{
    /// <summary>Only the hub's own origin: no CDN, no inline script, not framed by another site.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    [Function("Dashboard")]
    public IActionResult Serve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request, string? path)
    {
        // The pages load their files by relative paths: /api/dashboard must be /api/dashboard/.
        if (string.IsNullOrEmpty(path) && request.Path.Value?.EndsWith('/') != true)
        {
            return new RedirectResult(request.Path.Value + "/" + request.QueryString.Value, permanent: true);
        }
        if (DashboardAssets.Find(path) is not { } asset)
        {
            return new ContentResult { StatusCode = 404, ContentType = "text/plain; charset=utf-8", Content = "Not found" };
        }
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(asset.ETag)))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }
        return new FileContentResult(asset.Content, asset.ContentType);
    }
}
