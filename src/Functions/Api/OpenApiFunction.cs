using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Api;

/// <summary>The hub's own OpenAPI document (src/Functions/OpenApi/hub.json), anonymous.</summary>
public sealed class OpenApiFunction
{
    [Function("OpenApi")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        using var stream = typeof(OpenApiFunction).Assembly.GetManifestResourceStream("OpenApi.hub.json")!;
        using var reader = new StreamReader(stream);
        return new ContentResult { StatusCode = 200, ContentType = "application/json", Content = reader.ReadToEnd() };
    }
}
