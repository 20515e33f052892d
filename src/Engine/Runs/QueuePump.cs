using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Engine.Runs;

/// <summary>
/// Reads a Storage queue as the Functions host's queue trigger does, for hosts that are not the
/// Functions host (the local host): at-least-once delivery, the message kept invisible while its
/// function runs (renewed), deleted when it succeeds, made visible again when it fails, and moved
/// to <c>{queue}-poison</c> after <see cref="QueuePumpOptions.MaxDequeueCount"/> deliveries.
/// Several pumps on one queue, in one process or many, share its messages.
/// </summary>
public sealed class QueuePump(QueueClient queue, QueueClient poison, Func<string, CancellationToken, Task> handler, QueuePumpOptions options, ILogger logger)
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls until <paramref name="stop"/>: at once while messages come, backing off while the queue is empty.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: stop);
        var wait = MinPollingInterval;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await PollOnceAsync(stop) > 0)
                {
                    wait = MinPollingInterval;
                    continue;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning(ex, "Polling queue {Queue} failed", queue.Name);
            }
            try
            {
                await Task.Delay(wait, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, options.MaxPollingInterval.Ticks));
        }
    }

    /// <summary>Takes one batch and processes it; returns how many messages it took.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] batch = await queue.ReceiveMessagesAsync(options.BatchSize, options.MessageLease, cancellationToken);
        await Task.WhenAll(batch.Select(m => ProcessAsync(m, cancellationToken)));
        return batch.Length;
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            await PoisonAsync(message.MessageId, message.PopReceipt, message.MessageText, cancellationToken);
            return;
        }
        var receipt = new MessageReceipt(message.PopReceipt);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = KeepInvisibleAsync(message.MessageId, receipt, renewing.Token);
        Exception? failure = null;
        try
        {
            await handler(message.MessageText, cancellationToken);
        }
        catch (Exception ex)
        {
            failure = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
        }
        await renewing.CancelAsync();
        await renewal;
        if (cancellationToken.IsCancellationRequested) return; // Shutting down: the message comes back when its lease lapses.
        if (failure is null)
        {
            await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
            return;
        }
        logger.LogError(failure, "Message {MessageId} of queue {Queue} failed on delivery {Count} of {Max}", message.MessageId, queue.Name, message.DequeueCount, options.MaxDequeueCount);
        if (message.DequeueCount >= options.MaxDequeueCount)
        {
            await PoisonAsync(message.MessageId, receipt.Value, message.MessageText, CancellationToken.None);
        }
        else
        {
            await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None);
        }
    }

    private async Task KeepInvisibleAsync(string messageId, MessageReceipt receipt, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.MessageLease / 2, stop);
                // Not cancelled once sent: an update stored but not seen would leave the receipt the delete needs stale.
                var updated = await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: options.MessageLease, cancellationToken: CancellationToken.None);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException ex)
        {
            // Lost the message (another pump took it after a stall): the other delivery goes on.
            logger.LogWarning(ex, "Message {MessageId} of queue {Queue} could not be kept invisible", messageId, queue.Name);
        }
    }

    private async Task PoisonAsync(string messageId, string popReceipt, string text, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(text, cancellationToken);
        await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        logger.LogError("Message {MessageId} moved to {Poison} after {Max} deliveries", messageId, poison.Name, options.MaxDequeueCount);
    }

    /// <summary>The pop receipt of a message being processed: each renewal of its invisibility gives a new one.</summary>
    private sealed class MessageReceipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
