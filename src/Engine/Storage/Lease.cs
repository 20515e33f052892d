using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A lease this process holds (<see cref="LeaseStore"/>). Every renewal is conditional on the ETag
/// of the last one, so a holder whose lease was taken over learns it at its next renewal and never
/// writes over the new holder's row: <see cref="Lost"/> is cancelled, and <see cref="EnsureHeldAsync"/>
/// throws <see cref="LeaseLostException"/>. Writers call that before each flush and checkpoint, so
/// a run that lost its lease stops before it writes more, whatever the timing of its heartbeat.
/// </summary>
public sealed class Lease
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource lost = new();

    internal Lease(TableEntity row, string name, string holder, string? previousHolder)
    {
        Row = row;
        Name = name;
        Holder = holder;
        PreviousHolder = previousHolder;
    }

    internal TableEntity Row { get; }

    public string Name { get; }

    public string Holder { get; }

    /// <summary>The holder whose lapsed lease this one took over (it died or stalled), or null.</summary>
    public string? PreviousHolder { get; }

    /// <summary>Cancelled once a renewal finds the lease taken over.</summary>
    public CancellationToken Lost => lost.Token;

    public bool IsLost => lost.IsCancellationRequested;

    /// <summary>Renews the lease; throws <see cref="LeaseLostException"/> if another holder has it now.</summary>
    public Task EnsureHeldAsync(LeaseStore store, TimeSpan duration, CancellationToken cancellationToken) =>
        RenewAsync(store, duration, cancellationToken);

    internal async Task RenewAsync(LeaseStore store, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (IsLost) throw new LeaseLostException(Name, Holder);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!await store.TryRenewAsync(Row, duration))
            {
                await lost.CancelAsync();
                throw new LeaseLostException(Name, Holder);
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
