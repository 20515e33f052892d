using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Engine.Queries;

/// <summary>
/// Keeps the Status table current (<see cref="StatusStore"/>): a source's row when one of its runs
/// ends, every agency's row (and the sources') when a reconciliation ends. What agencies poll is then
/// one row read, not recomputed per request. A publication that fails is logged and leaves the rows
/// as they were (each says when it was published); the next run's end publishes again.
/// </summary>
public sealed class StatusPublisher(AgencyStatusRows agencies, SourceStatusRows sources, StatusStore store, TimeProvider time, ILogger<StatusPublisher> logger)
{
    public Task PublishSourceAsync(string source, CancellationToken cancellationToken) =>
        TryAsync("source " + source, async ct =>
        {
            foreach (var row in await sources.BuildAsync([source], time.GetUtcNow(), ct)) await store.WriteSourceAsync(row, ct);
        }, cancellationToken);

    /// <summary>Every agency's row, with the open findings the reconciliation counted (agency to rule to count), and every source's.</summary>
    public Task PublishAllAsync(IReadOnlyDictionary<string, SortedDictionary<string, int>> openFindings, CancellationToken cancellationToken) =>
        TryAsync("agencies and sources", async ct =>
        {
            var now = time.GetUtcNow();
            await store.WriteAgenciesAsync(await agencies.BuildAsync(openFindings, now, ct), ct);
            foreach (var row in await sources.BuildAsync(Sources.All, now, ct)) await store.WriteSourceAsync(row, ct);
        }, cancellationToken);

    private async Task TryAsync(string what, Func<CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        try
        {
            await publish(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Publishing the status of {What} failed; the Status rows stay as they were", what);
        }
    }
}
