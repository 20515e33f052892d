namespace IntegrationHub.Engine.Connectors;

/// <summary>How long to wait before the next try: pure, so it can be tested without waiting.</summary>
public static class RetryDelay
{
    /// <summary>
    /// The server's Retry-After when it gave one (null when it is longer than we are willing to wait),
    /// else exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))].
    /// </summary>
    /// <param name="attempt">1 for the first retry.</param>
    /// <param name="retryAfter">The server's Retry-After, if any.</param>
    /// <param name="unit">A uniform draw in [0, 1).</param>
    public static TimeSpan? Compute(int attempt, TimeSpan? retryAfter, double unit, ResilienceOptions options)
    {
        if (retryAfter is { } asked)
        {
            return asked <= options.MaxRetryAfter ? (asked < TimeSpan.Zero ? TimeSpan.Zero : asked) : null;
        }
        var ceiling = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        ceiling = Math.Min(ceiling, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * unit);
    }

    /// <summary>Reads Retry-After as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null) return null;
        if (header.Delta is { } delta) return delta;
        return header.Date is { } date ? date - now : null;
    }
}
