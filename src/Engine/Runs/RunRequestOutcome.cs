using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Runs;

/// <summary>
/// What became of a request: accepted (its runs, recorded as Queued, and the message stored), or
/// refused because a run of <see cref="BusySource"/> is queued or running (<see cref="BusyRunId"/>).
/// </summary>
public sealed record RunRequestOutcome(IReadOnlyList<RunRecord> Runs, string? BusySource = null, string? BusyRunId = null)
{
    public bool Accepted => BusySource is null;
}
