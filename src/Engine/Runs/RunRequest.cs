namespace IntegrationHub.Engine.Runs;

/// <summary>
/// One work item of a requested run, as a queue message (<see cref="Storage.RunQueueStore"/>): the
/// sync run it stands for (recorded as Queued when the request was accepted) and its
/// <see cref="Group"/>, the request it was cut from: one message per source, so that several
/// instances share a request, and a reconciliation queued when the group's last item ends; or a
/// reconciliation alone, or a part of one (<see cref="Part"/>). HTTP and the timers enqueue the same items; a queue-triggered function
/// executes them (<see cref="RunRequests.ExecuteAsync"/>). Executing one again after a crash is
/// safe: a run that ended is skipped, a run in progress goes on from its checkpoints.
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

    /// <summary>The run id a slot is held by: a source's run, or the reconciliation requested alone.</summary>
    public string RunIdOf(string slot) => Syncs.FirstOrDefault(s => s.Source == slot)?.RunId ?? ReconcileRunId ?? "";

    /// <summary>The reconciliation's run, recorded Queued when it was requested (alone, or to follow the syncs).</summary>
    public string? ReconcileRunId { get; init; }

    /// <summary>The request this item was cut from (<see cref="Storage.RunGroupStore"/>), or null.</summary>
    public string? Group { get; init; }

    /// <summary>A work item of the full reconciliation <see cref="ReconcileRunId"/> (<see cref="ReconcileParts"/>), or null.</summary>
    public ReconcilePart? Part { get; init; }
}
