using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Engine.Tests;

/// <summary>The local host's queue reader (QueuePump) against Azurite's queues: the Functions host's delivery semantics.</summary>
public sealed class QueuePumpTests
{
    [Fact]
    public async Task AMessageRunningLongerThanItsLeaseIsKeptInvisible_SoASecondPumpNeverTakesItToo()
    {
        var storage = new HubStorage(TestStorage.ConnectionString, "q" + Guid.NewGuid().ToString("N")[..10]);
        await storage.RunQueue.CreateIfNotExistsAsync();
        try
        {
            var deliveries = 0;
            async Task SlowAsync(string message, CancellationToken ct)
            {
                Interlocked.Increment(ref deliveries);
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
            var options = new QueuePumpOptions { MessageLease = TimeSpan.FromSeconds(2), MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
            var first = new QueuePump(storage.RunQueue, storage.RunPoisonQueue, SlowAsync, options, NullLogger.Instance);
            var second = new QueuePump(storage.RunQueue, storage.RunPoisonQueue, SlowAsync, options, NullLogger.Instance);
            await storage.RunQueue.SendMessageAsync("work");

            using var stop = new CancellationTokenSource();
            var working = first.PollOnceAsync(stop.Token);
            var polling = second.RunAsync(stop.Token);
            await working;
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await polling;

            Assert.Equal(1, deliveries);
            Assert.Equal(0, (await storage.RunQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
        finally
        {
            await storage.DeleteAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AMessageThatKeepsFailingMovesToThePoisonQueueAfterItsLastDelivery()
    {
        var storage = new HubStorage(TestStorage.ConnectionString, "q" + Guid.NewGuid().ToString("N")[..10]);
        await storage.RunQueue.CreateIfNotExistsAsync();
        try
        {
            var deliveries = 0;
            Task FailAsync(string message, CancellationToken ct)
            {
                Interlocked.Increment(ref deliveries);
                throw new InvalidOperationException("always");
            }
            var pump = new QueuePump(storage.RunQueue, storage.RunPoisonQueue, FailAsync, new QueuePumpOptions { MaxDequeueCount = 3 }, NullLogger.Instance);
            await storage.RunQueue.SendMessageAsync("doomed");
            for (var i = 0; i < 20 && deliveries < 3; i++) await pump.PollOnceAsync(CancellationToken.None);

            Assert.Equal(3, deliveries);
            Assert.Equal(0, (await storage.RunQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
            var poisoned = (await storage.RunPoisonQueue.ReceiveMessageAsync()).Value;
            Assert.Equal("doomed", poisoned.MessageText);
        }
        finally
        {
            await storage.DeleteAllAsync(CancellationToken.None);
        }
    }
}
