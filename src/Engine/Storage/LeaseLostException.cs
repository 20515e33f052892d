namespace IntegrationHub.Engine.Storage;

/// <summary>A run's lease was taken over (it stalled past the lease's duration): the run stops writing.</summary>
public sealed class LeaseLostException(string lease, string holder)
    : Exception($"Run {holder} lost the lease '{lease}' to another run and stopped before writing more.")
{
    public string LeaseName { get; } = lease;
}
