using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Queries;

/// <summary>A source's connection state, X-Road style, from its latest runs: a pure rule.</summary>
public static class SourceStates
{
    /// <summary>A source whose last success is older than this is Degraded even if its last run succeeded.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(2);

    /// <summary>Consecutive failed runs after which a source is Down.</summary>
    public const int DownAfterFailures = 3;

    /// <summary>Unknown: never ran. Down: the last <see cref="DownAfterFailures"/> runs failed. Degraded: the last run failed or was degraded, or the last success is stale. Else Healthy.</summary>
    public static string Of(string? lastStatus, int consecutiveFailures, DateTimeOffset? lastSuccess, DateTimeOffset now) =>
        lastStatus is null ? "Unknown"
        : consecutiveFailures >= DownAfterFailures ? "Down"
        : lastStatus != Outcomes.Succeeded || lastSuccess is null || now - lastSuccess > StaleAfter ? "Degraded"
        : "Healthy";
}
