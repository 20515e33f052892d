namespace IntegrationHub.Engine.Sync;

/// <summary>
/// A run's status. Degraded: it finished, but some stream failed or calls had to be retried.
/// Queued: requested, waiting for a worker. Abandoned: its worker died; the next run of its source
/// found its lease lapsed and took over. NotStarted: given back before it ran.
/// </summary>
public static class Outcomes
{
    public const string Succeeded = "Succeeded";
    public const string Degraded = "Degraded";
    public const string Failed = "Failed";
    public const string Running = "Running";
    public const string Queued = "Queued";
    public const string Abandoned = "Abandoned";
    public const string NotStarted = "NotStarted";

    /// <summary>Whether a run with this status has ended (it will not change again).</summary>
    public static bool IsEnded(string status) => status is not (Running or Queued);
}
