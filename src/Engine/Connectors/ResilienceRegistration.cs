using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// The one place where upstream resilience is decided: every named client gets, from the outside in,
/// a circuit breaker of its own system, retry with jittered exponential backoff that honours
/// Retry-After, and a per-try timeout; redirects are not followed.
/// </summary>
public static class ResilienceRegistration
{
    public static IHttpClientBuilder AddUpstreamClient(this IServiceCollection services, string name, string system, Func<IServiceProvider, Uri> baseAddress)
    {
        services.AddSingleton<UpstreamStats>();
        services.AddSingleton<CircuitBreakers>();
        return services.AddHttpClient(name, (sp, client) =>
            {
                client.BaseAddress = baseAddress(sp);
                client.Timeout = Timeout.InfiniteTimeSpan; // the per-try timeout and the retries bound each call
            })
            // A redirect is answered to the caller as it came, never followed: following one would
            // send the API key, the portal's session or the LGSP token to whatever host it names.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddPolicyHandler((sp, _) => sp.GetRequiredService<CircuitBreakers>().For(system))
            .AddPolicyHandler((sp, _) => RetryPolicy(sp.GetRequiredService<IOptions<ResilienceOptions>>().Value,
                sp.GetRequiredService<UpstreamStats>().For(system), sp.GetService<TimeProvider>() ?? TimeProvider.System))
            .AddPolicyHandler((sp, _) => Policy.TimeoutAsync<HttpResponseMessage>(sp.GetRequiredService<IOptions<ResilienceOptions>>().Value.PerTryTimeout))
            .AddHttpMessageHandler(sp => new CountingHandler(sp.GetRequiredService<UpstreamStats>().For(system)));
    }

    /// <summary>Transient answers: worth another try.</summary>
    public static bool IsTransient(HttpResponseMessage response, ResilienceOptions options, DateTimeOffset now) =>
        (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout
        || response.StatusCode == HttpStatusCode.TooManyRequests
           && (RetryDelay.RetryAfterOf(response, now) ?? TimeSpan.Zero) <= options.MaxRetryAfter;

    private static IAsyncPolicy<HttpResponseMessage> RetryPolicy(ResilienceOptions options, UpstreamStats.Counter stats, TimeProvider time)
    {
        var random = new Random();
        return Policy<HttpResponseMessage>
            .Handle<HttpRequestException>()
            .Or<TimeoutRejectedException>()
            .OrResult(r => IsTransient(r, options, time.GetUtcNow()))
            .WaitAndRetryAsync(
                options.RetryCount,
                (attempt, outcome, _) =>
                {
                    double unit;
                    lock (random) unit = random.NextDouble();
                    return RetryDelay.Compute(attempt, RetryDelay.RetryAfterOf(outcome.Result, time.GetUtcNow()), unit, options) ?? TimeSpan.Zero;
                },
                (outcome, _, _, _) =>
                {
                    stats.Retried();
                    outcome.Result?.Dispose();
                    return Task.CompletedTask;
                });
    }

    private sealed class CountingHandler(UpstreamStats.Counter stats) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            stats.Requested();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
