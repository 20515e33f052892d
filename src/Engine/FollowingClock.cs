using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Engine;

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
