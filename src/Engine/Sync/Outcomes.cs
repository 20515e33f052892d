namespace IntegrationHub.Engine.Sync;

/// <summary>How a run ended. Degraded: it finished, but some stream failed or calls had to be retried.</summary>
public static class Outcomes
{
    public const string Succeeded = "Succeeded";
    public const string Degraded = "Degraded";
    public const string Failed = "Failed";
    public const string Running = "Running";
}
