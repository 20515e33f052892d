using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Engine;

/// <summary>
/// A clock pinned to one instant (setting Clock:Now), for rehearsals against the simulators, whose
/// time stands still, and for replaying a past day. Unset, the hub uses the system clock.
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

/// <summary>
/// A clock that follows another system's clock (setting Clock:FollowUrl, answering {"now": ...}),
/// refreshed every couple of seconds: the local host follows the simulators' clock this way.
/// </summary>
public sealed class FollowingClock : TimeProvider, IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Uri url;
    private readonly Timer timer;
    private long ticks;

    public FollowingClock(Uri url)
    {
        this.url = url;
        ticks = ReadAsync().GetAwaiter().GetResult().UtcTicks;
        timer = new Timer(_ => _ = RefreshAsync(), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    private async Task RefreshAsync()
    {
        try
        {
            Interlocked.Exchange(ref ticks, (await ReadAsync()).UtcTicks);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            // Keep the last known time; the followed clock may be restarting.
        }
    }

    private async Task<DateTimeOffset> ReadAsync() =>
        (await http.GetFromJsonAsync<JsonElement>(url)).GetProperty("now").GetDateTimeOffset();

    public void Dispose()
    {
        timer.Dispose();
        http.Dispose();
    }
}

/// <summary>Picks the hub's clock from configuration: Clock:Now, Clock:FollowUrl, or the system clock.</summary>
public static class Clocks
{
    public static TimeProvider FromConfiguration(IConfiguration configuration) =>
        configuration["Clock:Now"] is { Length: > 0 } pinned ? new FixedClock(DateTimeOffset.Parse(pinned, CultureInfo.InvariantCulture))
        : configuration["Clock:FollowUrl"] is { Length: > 0 } url ? new FollowingClock(new Uri(url))
        : TimeProvider.System;
}
