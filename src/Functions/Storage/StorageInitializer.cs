using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Storage;

/// <summary>Creates the hub's tables and container at start-up, so the first request or timer finds them.</summary>
public sealed class StorageInitializer(HubStorage storage, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            // Storage may come up later; the health endpoint reports it meanwhile.
            logger.LogError(ex, "Could not create the hub's tables at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
