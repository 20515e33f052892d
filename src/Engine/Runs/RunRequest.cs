namespace IntegrationHub.Engine.Runs;

/// <summary>
/// One requested run, as a queue message (<see cref="Storage.RunQueueStore"/>): the sync runs it
/// stands for (recorded as Queued when it was accepted), and whether a reconciliation follows.
/// HTTP and the timers enqueue the same request; a queue-triggered function executes it
/// (<see cref="RunRequests.ExecuteAsync"/>). Executing it again after a crash is safe: runs that
/// ended are skipped, a run in progress goes on from its checkpoints.
/// </summary>
public sealed record RunRequest(
    IReadOnlyList<RequestedSync> Syncs,
    bool Reconcile,
    DateTimeOffset? WindowFrom = null,
    DateTimeOffset? WindowTo = null,
    bool AcceptShrink = false)
{
    /// <summary>What a request holds while it is queued or running (<see cref="Storage.RunSlotStore"/>): its sources, or the reconciliation alone.</summary>
    public IReadOnlyList<string> SlotKeys => Syncs.Count > 0 ? [.. Syncs.Select(s => s.Source)] : [Sync.Sources.Reconcile];

    /// <summary>The run id a slot is held by: a source's run, or the first of them for the reconciliation alone.</summary>
    public string RunIdOf(string slot) => Syncs.FirstOrDefault(s => s.Source == slot)?.RunId ?? ReconcileRunId ?? "";

    /// <summary>A reconciliation requested alone gets its run id when it is requested.</summary>
    public string? ReconcileRunId { get; init; }
}
