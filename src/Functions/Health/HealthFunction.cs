using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Health;

/// <summary>Liveness plus storage reachability; anonymous and free of secrets.</summary>
public sealed class HealthFunction(TableServiceClient tables, BlobServiceClient blobs, ILogger<HealthFunction> logger)
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
        var tableState = await ProbeAsync("tables", async ct =>
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
            {
                break;
            }
        }, cancellationToken);
        var blobState = await ProbeAsync("blobs", async ct =>
        {
            await foreach (var _ in blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
            {
                break;
            }
        }, cancellationToken);
        var healthy = tableState == "Reachable" && blobState == "Reachable";
        return new HealthReport(healthy ? "Healthy" : "Unhealthy", new StorageHealth(tableState, blobState));
    }

    private async Task<string> ProbeAsync(string what, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe(cancellationToken);
            return "Reachable";
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The exception text can carry the account name; log it, never return it.
            logger.LogWarning(ex, "Storage probe for {Service} failed", what);
            return "Unreachable";
        }
    }
}

/// <summary>The health answer: overall status and each storage service's reachability.</summary>
public sealed record HealthReport(string Status, StorageHealth Storage);

/// <summary>Reachability of the storage services the hub depends on.</summary>
public sealed record StorageHealth(string Tables, string Blobs);
