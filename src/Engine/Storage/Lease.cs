using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A lease this process holds (<see cref="LeaseStore"/>). Every renewal is conditional on the ETag
/// of the last one, so a holder whose lease was taken over learns it at its next renewal and never
/// writes over the new holder's row: <see cref="Lost"/> is cancelled, and <see cref="EnsureHeldAsync"/>
/// throws <see cref="LeaseLostException"/>. Writers call that before each flush and checkpoint, so
/// a run that lost its lease stops before it writes more, whatever the timing of its heartbeat.
/// A <see cref="Shared"/> lease is held by a run whose work several processes share
/// (<see cref="LeaseStore.JoinAsync"/>): a renewal that finds the row renewed by another of them
/// takes its ETag and renews again; one that finds another holder loses it.
/// </summary>
public sealed class Lease
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource lost = new();

    internal Lease(TableEntity row, string name, string holder, string? previousHolder, long sentAt, bool shared = false)
    {
        Shared = shared;
        renewedAt = sentAt;
        Row = row;
        Name = name;
        Holder = holder;
        PreviousHolder = previousHolder;
    }

    internal TableEntity Row { get; }

    public string Name { get; }

    public string Holder { get; }

    /// <summary>Joined by a work item of the holder's run (<see cref="LeaseStore.JoinAsync"/>), not taken.</summary>
    public bool Shared { get; }

    /// <summary>The holder whose lapsed lease this one took over (it died or stalled), or null.</summary>
    public string? PreviousHolder { get; }

    /// <summary>Cancelled once a renewal finds the lease taken over.</summary>
    public CancellationToken Lost => lost.Token;

    public bool IsLost => lost.IsCancellationRequested;

    /// <summary>
    /// Throws <see cref="LeaseLostException"/> if another holder has the lease now; renews it unless
    /// a renewal succeeded less than a quarter of its duration ago. That one proves it held: no one
    /// may take a lease over before it lapses, a whole duration after its last renewal (on the
    /// renewer's clock; clocks would have to differ by three quarters of the duration to break this).
    /// So writers may call it before every write without a request each time.
    /// </summary>
    public Task EnsureHeldAsync(LeaseStore store, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (IsLost) throw new LeaseLostException(Name, Holder);
        return TimeProvider.System.GetElapsedTime(renewedAt) < duration / 4 ? Task.CompletedTask : RenewAsync(store, duration, cancellationToken);
    }

    /// <summary>When the last successful write of the lease (taking it, or a renewal) was sent.</summary>
    private long renewedAt;

    internal async Task RenewAsync(LeaseStore store, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (IsLost) throw new LeaseLostException(Name, Holder);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var sent = TimeProvider.System.GetTimestamp();
            if (!await store.TryRenewAsync(Row, duration, Shared ? Holder : null))
            {
                await lost.CancelAsync();
                throw new LeaseLostException(Name, Holder);
            }
            renewedAt = sent;
        }
        finally
        {
            gate.Release();
        }
    }
}
