namespace IntegrationHub.Simulators;

/// <summary>
/// Simulated time: it stands still until told to move (POST /_sim/clock), so a run is repeatable.
/// Session and token lifetimes use real time instead (see <see cref="TimeProvider"/> in the APIs).
/// </summary>
public sealed class SimClock(DateTimeOffset initial)
{
    private long ticks = initial.UtcTicks;

    public DateTimeOffset Now => new DateTimeOffset(Interlocked.Read(ref ticks), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(7));

    /// <summary>Moves the clock forward; simulated time never goes back.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The simulated clock only moves forward.");
        Interlocked.Add(ref ticks, by.Ticks);
        return Now;
    }
}
