using IntegrationHub.Engine.Connectors;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// One stream's share of a run: which stream, the run, the backfill window, whether a shrinking
/// snapshot is accepted, and what it has read and quarantined so far.
/// </summary>
public sealed class StreamContext(Storage.RunRecord run, SyncWindow? window, IProgress<SyncProgress>? progress,
    Func<StreamContext, byte[]?, CancellationToken, Task> archive, bool acceptShrink = false,
    Func<StreamContext, IReadOnlyList<RejectedRecord>, CancellationToken, Task>? quarantine = null,
    Func<CancellationToken, Task>? ensureLease = null)
{
    public Storage.RunRecord Run { get; } = run;
    public SyncWindow? Window { get; } = window;
    /// <summary>An admin accepted that snapshot lists may lose more than the allowed share of their rows.</summary>
    public bool AcceptShrink { get; } = acceptShrink;
    public string Stream { get; set; } = "";
    public long Records { get; set; }
    public long Pages { get; set; }
    /// <summary>Records of this stream set aside in this run (<see cref="QuarantineAsync"/>).</summary>
    public long Quarantined { get; set; }

    /// <summary>
    /// Called before every write that moves the run forward (a flush of rows, a checkpoint, a snapshot
    /// list): throws <see cref="Storage.LeaseLostException"/> once another run of the source holds the lease.
    /// </summary>
    public Task EnsureLeaseAsync(CancellationToken cancellationToken) => ensureLease?.Invoke(cancellationToken) ?? Task.CompletedTask;

    /// <summary>A page was read: counted, archived as received (if configured), reported.</summary>
    public async Task PageAsync(byte[]? raw, CancellationToken cancellationToken)
    {
        Pages++;
        await archive(this, raw, cancellationToken);
        progress?.Report(new SyncProgress(Stream, Records, Pages));
    }

    /// <summary>
    /// A page's records that cannot be stored are kept aside with their reasons, before the rows the
    /// page did give are stored and the checkpoint passes them.
    /// </summary>
    public async Task QuarantineAsync(IReadOnlyList<RejectedRecord> rejected, CancellationToken cancellationToken)
    {
        if (rejected.Count == 0) return;
        if (quarantine is null) throw new InvalidOperationException($"{rejected.Count} records of {Stream} cannot be stored and there is no quarantine: {rejected[0].Reason}");
        await quarantine(this, rejected, cancellationToken);
        Quarantined += rejected.Count;
    }
}
