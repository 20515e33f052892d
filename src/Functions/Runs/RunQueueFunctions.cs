using IntegrationHub.Engine;
using IntegrationHub.Engine.Runs;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Runs;

/// <summary>
/// Executes requested runs from the run queue (app setting <c>RunQueue</c>, which names
/// <c>{Storage__Prefix}-runs</c>). Delivery is at least once: a request executed again after its
/// instance died goes on from the runs' checkpoints. A request that failed on every delivery
/// (host.json <c>extensions.queues.maxDequeueCount</c>) lands in the poison queue, whose function
/// marks its runs Failed and emits <c>hub.runs.poisoned</c> for the alert.
/// </summary>
public sealed class RunQueueFunctions(RunWorker worker)
{
    [Function("RunRequested")]
    public Task RunRequested([QueueTrigger("%RunQueue%", Connection = EngineRegistration.StorageSetting)] string message, CancellationToken cancellationToken) =>
        worker.ExecuteAsync(message, cancellationToken);

    [Function("RunPoisoned")]
    public Task RunPoisoned([QueueTrigger("%RunQueue%-poison", Connection = EngineRegistration.StorageSetting)] string message, CancellationToken cancellationToken) =>
        worker.PoisonedAsync(message, cancellationToken);
}
