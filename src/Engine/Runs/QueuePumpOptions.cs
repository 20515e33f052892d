namespace IntegrationHub.Engine.Runs;

/// <summary>
/// How a <see cref="QueuePump"/> reads a queue: the Functions host's queue settings
/// (host.json <c>extensions.queues</c>), which the local host reads from the same file.
/// </summary>
public sealed class QueuePumpOptions
{
    /// <summary>Messages taken at once and processed in parallel.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Deliveries before a message that keeps failing is moved to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before it is delivered again.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue (the wait doubles from 100 ms up to it).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a message being processed stays invisible; renewed at half of it while the function
    /// runs. If the process dies the message is delivered again this long after its last renewal.
    /// </summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromSeconds(60);
}
