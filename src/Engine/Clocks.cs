using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Engine;

/// <summary>Picks the hub's clock from configuration: Clock:Now, Clock:FollowUrl, or the system clock.</summary>
public static class Clocks
{
    public static TimeProvider FromConfiguration(IConfiguration configuration) =>
        configuration["Clock:Now"] is { Length: > 0 } pinned ? new FixedClock(DateTimeOffset.Parse(pinned, CultureInfo.InvariantCulture))
        : configuration["Clock:FollowUrl"] is { Length: > 0 } url ? new FollowingClock(new Uri(url))
        : TimeProvider.System;
}
