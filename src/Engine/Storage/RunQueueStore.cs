using System.Text.Json;
using IntegrationHub.Engine.Runs;

namespace IntegrationHub.Engine.Storage;

/// <summary>The queue of requested runs (<see cref="HubStorage.RunQueue"/>): JSON messages, Base64 as the Functions trigger reads them.</summary>
public sealed class RunQueueStore(HubStorage storage)
{
    /// <summary>
    /// How long a request may wait in the queue. Past it the message expires unread and its slots
    /// may be taken over (<see cref="RunRequests"/>); nothing waits for a worker for ever.
    /// </summary>
    public static readonly TimeSpan MessageTimeToLive = TimeSpan.FromDays(1);

    public async Task EnqueueAsync(RunRequest request, CancellationToken cancellationToken) =>
        await storage.RunQueue.SendMessageAsync(Serialize(request), visibilityTimeout: null, timeToLive: MessageTimeToLive, cancellationToken);

    public static string Serialize(RunRequest request) => JsonSerializer.Serialize(request, JsonSerializerOptions.Web);

    /// <summary>Reads a message; <see cref="FormatException"/> with the reason if it is not a run request.</summary>
    public static RunRequest Parse(string message)
    {
        try
        {
            var request = JsonSerializer.Deserialize<RunRequest>(message, JsonSerializerOptions.Web);
            if (request?.Syncs is null) throw new FormatException("The message is not a run request (no syncs).");
            if (request.Syncs.Any(s => !Sync.Sources.IsKnown(s.Source) || string.IsNullOrEmpty(s.RunId)))
            {
                throw new FormatException("The run request names an unknown source or no run id.");
            }
            if (request.Part is { } part && (string.IsNullOrEmpty(request.ReconcileRunId) || string.IsNullOrEmpty(request.Group) || !Enum.IsDefined(part.Kind)
                || part.Buckets is null || part.Buckets.Any(b => !DossierRows.AllPartitions().Contains(b))))
            {
                throw new FormatException("The reconciliation part names no run, no group, an unknown kind or an unknown bucket.");
            }
            return request;
        }
        catch (JsonException ex)
        {
            throw new FormatException("The message is not a run request: " + ex.Message, ex);
        }
    }
}
