using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace IntegrationHub.Engine.Connectors;

/// <summary>Per-system call counters and circuit state, read by sync runs for their records.</summary>
public sealed class UpstreamStats
{
    private readonly ConcurrentDictionary<string, Counter> counters = new();

    public Counter For(string system) => counters.GetOrAdd(system, _ => new Counter());

    /// <summary>Counts for one system; retries and failures include every try.</summary>
    public sealed class Counter
    {
        private long retries;
        private long requests;

        public long Retries => Interlocked.Read(ref retries);
        public long Requests => Interlocked.Read(ref requests);
        public CircuitState Circuit { get; internal set; } = CircuitState.Closed;

        internal void Retried() => Interlocked.Increment(ref retries);
        internal void Requested() => Interlocked.Increment(ref requests);
    }
}
