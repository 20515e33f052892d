using IntegrationHub.Functions.Api;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Functions.Tests;

/// <summary>The API's per-instance cache: one load per key and lifetime, shared by callers at once; failures not kept.</summary>
public sealed class TimedCacheTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task CallersWithinTheLifetimeShareOneLoad_AfterItTheKeyIsLoadedAgain()
    {
        var cache = new TimedCache<int>(TimeSpan.FromSeconds(5), clock);
        var loads = 0;
        var gate = new TaskCompletionSource<int>();
        Task<int> Load(CancellationToken _)
        {
            Interlocked.Increment(ref loads);
            return gate.Task;
        }

        var waiting = Enumerable.Range(0, 10).Select(_ => cache.GetAsync("a", Load, CancellationToken.None)).ToList();
        gate.SetResult(42);
        Assert.All(await Task.WhenAll(waiting), v => Assert.Equal(42, v));
        Assert.Equal(1, loads);

        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(42, await cache.GetAsync("a", Load, CancellationToken.None));
        Assert.Equal(1, loads);
        Assert.Equal(7, await cache.GetAsync("b", _ => Task.FromResult(7), CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(0.2));
        gate = new TaskCompletionSource<int>();
        gate.SetResult(43);
        Assert.Equal(43, await cache.GetAsync("a", Load, CancellationToken.None));
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task AFailedLoadIsNotKept()
    {
        var cache = new TimedCache<int>(TimeSpan.FromSeconds(5), clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("a", _ => Task.FromException<int>(new InvalidOperationException("storage down")), CancellationToken.None));
        Assert.Equal(1, await cache.GetAsync("a", _ => Task.FromResult(1), CancellationToken.None));
    }

    [Fact]
    public async Task ALifetimeOfZeroLoadsEveryTime_AndTooManyKeysStartItAgainEmpty()
    {
        var loads = 0;
        var uncached = new TimedCache<int>(TimeSpan.Zero, clock);
        for (var i = 0; i < 3; i++) await uncached.GetAsync("a", _ => Task.FromResult(Interlocked.Increment(ref loads)), CancellationToken.None);
        Assert.Equal(3, loads);

        var cache = new TimedCache<int>(TimeSpan.FromMinutes(1), clock);
        for (var i = 0; i < TimedCache<int>.MaxEntries; i++) await cache.GetAsync("k" + i, _ => Task.FromResult(0), CancellationToken.None);
        loads = 0;
        await cache.GetAsync("k0", _ => Task.FromResult(Interlocked.Increment(ref loads)), CancellationToken.None);
        Assert.Equal(0, loads);
        // One key more than the bound: the cache starts again empty, so the first key is loaded again.
        await cache.GetAsync("one-more", _ => Task.FromResult(0), CancellationToken.None);
        await cache.GetAsync("k0", _ => Task.FromResult(Interlocked.Increment(ref loads)), CancellationToken.None);
        Assert.Equal(1, loads);
    }
}
