using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Storage;

/// <summary>Creates the hub's tables, containers and queues at start-up, so the first request or timer finds them; checks the run queue's setting.</summary>
public sealed class StorageInitializer(HubStorage storage, Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The queue trigger reads the app setting RunQueue; the engine writes {prefix}-runs. They must agree, or requests are never run.
        if (configuration["RunQueue"] is { } queue && queue != storage.RunQueue.Name)
        {
            throw new InvalidOperationException($"The app setting RunQueue is '{queue}' but the storage prefix makes the run queue '{storage.RunQueue.Name}': set RunQueue to it.");
        }
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
