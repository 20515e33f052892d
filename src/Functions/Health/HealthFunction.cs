using Azure;
using IntegrationHub.Engine.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Health;

/// <summary>Liveness plus storage reachability; anonymous and free of secrets.</summary>
public sealed class HealthFunction(HubStorage storage, ILogger<HealthFunction> logger)
{
    [Function("Health")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await CheckAsync(cancellationToken);
        return new ObjectResult(report)
        {
            StatusCode = report.Status == "Healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }

    /// <summary>Probes tables and blobs independently so one outage does not hide the other's state.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var tables = await ProbeAsync("tables", storage.PingTablesAsync, cancellationToken);
        var blobs = await ProbeAsync("blobs", storage.PingBlobsAsync, cancellationToken);
        var healthy = tables == "Reachable" && blobs == "Reachable";
        return new HealthReport(healthy ? "Healthy" : "Unhealthy", new StorageHealth(tables, blobs));
    }

    private async Task<string> ProbeAsync(string what, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3)); // a health probe answers quickly or not at all
        try
        {
            await probe(timeout.Token);
            return "Reachable";
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException
                                       || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The exception text can carry the account name; log it, never return it.
            logger.LogWarning(ex, "Storage probe for {Service} failed", what);
            return "Unreachable";
        }
    }
}
