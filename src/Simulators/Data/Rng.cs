namespace IntegrationHub.Simulators.Data;

/// <summary>
/// A small counter-based random stream: every value is a pure function of (seed, stream, index, draw),
/// so any dossier can be computed on its own, on any machine, in any order, with the same result.
/// </summary>
public struct Rng
{
    private ulong state;

    public Rng(long seed, ulong stream, long index)
    {
        state = Mix((ulong)seed ^ Mix(stream * 0x9E3779B97F4A7C15UL ^ (ulong)index));
    }

    /// <summary>SplitMix64 finaliser: a bijective avalanche of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : (int)(NextDouble() * maxExclusive);

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A duration uniform in [min, max), whole seconds.</summary>
    public TimeSpan Between(TimeSpan min, TimeSpan max) =>
        TimeSpan.FromSeconds(Math.Floor(min.TotalSeconds + NextDouble() * (max - min).TotalSeconds));
}
