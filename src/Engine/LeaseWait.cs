namespace IntegrationHub.Engine;

/// <summary>
/// How long a requested run waits for another run of the same source (or reconciliation) to end
/// or for its lease to lapse, how often it looks again, and where it says what it waits for.
/// </summary>
public sealed record LeaseWait(TimeSpan Limit, TimeSpan Poll, Action<string> Report);
