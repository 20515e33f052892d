using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Engine.Connectors;

/// <summary>One circuit breaker per upstream system, shared by all of that system's clients.</summary>
public sealed class CircuitBreakers(IOptions<ResilienceOptions> options, UpstreamStats stats)
{
    private readonly Dictionary<string, AsyncCircuitBreakerPolicy<HttpResponseMessage>> breakers = new();
    private readonly Lock gate = new();

    public AsyncCircuitBreakerPolicy<HttpResponseMessage> For(string system)
    {
        lock (gate)
        {
            if (!breakers.TryGetValue(system, out var breaker))
            {
                var o = options.Value;
                var counter = stats.For(system);
                breaker = Policy<HttpResponseMessage>
                    .Handle<HttpRequestException>()
                    .Or<TimeoutRejectedException>()
                    .OrResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests)
                    .CircuitBreakerAsync(o.BreakAfter, o.BreakFor,
                        (_, _) => counter.Circuit = CircuitState.Open,
                        () => counter.Circuit = CircuitState.Closed,
                        () => counter.Circuit = CircuitState.HalfOpen);
                breakers[system] = breaker;
            }
            return breaker;
        }
    }
}
