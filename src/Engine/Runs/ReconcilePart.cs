using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Runs;

/// <summary>
/// A work item of a full reconciliation (<see cref="ReconcileParts"/>), carried by a queue message
/// (<see cref="RunRequest.Part"/>): which buckets, and the run's fixed inputs as it began, so that
/// every instance evaluates against the same clock and feed watermarks, and the run records as done
/// the requests it saw.
/// </summary>
public sealed record ReconcilePart(
    ReconcilePartKind Kind,
    string Item,
    IReadOnlyList<string> Buckets,
    DateTimeOffset Now,
    SeenUntil? Seen,
    long FullRequested,
    long RepublishRequested,
    DateTimeOffset Began);
