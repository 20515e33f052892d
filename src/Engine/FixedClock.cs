namespace IntegrationHub.Engine;

/// <summary>
/// A clock pinned to one instant (setting Clock:Now), for rehearsals against the simulators, whose
/// time stands still, and for replaying a past day. Unset, the hub uses the system clock.
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
