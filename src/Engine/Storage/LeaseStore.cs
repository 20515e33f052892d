using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Who is running a source now: a row taken with If-None-Match, renewed while the run lives,
/// released with its ETag, taken over once expired (its holder died). Leases run on the machine's
/// clock, not the business clock: a pinned rehearsal clock must not keep a dead run's lease alive.
/// </summary>
public sealed class LeaseStore(HubStorage storage)
{
    private static readonly TimeProvider time = TimeProvider.System;

    private TableClient Table => storage.Table(HubStorage.State);

    /// <summary>The lease a sync of <paramref name="source"/> holds: one run per source at a time.</summary>
    public static string SyncLease(string source) => "sync-" + source;

    /// <summary>The lease a reconciliation holds: one at a time.</summary>
    public const string ReconcileLease = "reconcile";

    /// <summary>
    /// Takes the lease, or returns null while another live run holds it. A lapsed lease is taken over
    /// (its holder died or stalled): <see cref="Lease.PreviousHolder"/> names it. The same holder may
    /// take its own lapsed lease again (a redelivered run request).
    /// </summary>
    public async Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var sentAt = time.GetTimestamp();
        var row = new LeaseRow { RowKey = name, Holder = holder, Expires = time.GetUtcNow() + duration }.ToEntity();
        try
        {
            var added = await Table.AddEntityAsync(row, cancellationToken);
            row.ETag = added.Headers.ETag ?? default;
            return new Lease(row, name, holder, previousHolder: null, sentAt);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(LeaseRow.Partition, name, cancellationToken: cancellationToken);
            var held = current.HasValue ? LeaseRow.From(current.Value!) : null;
            if (held is not null && held.Expires > time.GetUtcNow() && held.Holder != holder) return null;
            try
            {
                var replaced = current.HasValue
                    ? await Table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await Table.AddEntityAsync(row, cancellationToken);
                row.ETag = replaced.Headers.ETag ?? default;
                return new Lease(row, name, holder, held?.Holder, sentAt);
            }
            catch (RequestFailedException race) when (race.Status is 409 or 412)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Joins the lease that run <paramref name="holder"/> holds, for a part of its work that this process
    /// does (a bucket item of a reconciliation cut into work items): renews it, lapsed or not. Null when
    /// another run holds it (this one was taken over) or none does (the run ended): the part must not run.
    /// </summary>
    public async Task<Lease?> JoinAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var sentAt = time.GetTimestamp();
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(LeaseRow.Partition, name, cancellationToken: cancellationToken);
        if (!found.HasValue || LeaseRow.From(found.Value!).Holder != holder) return null;
        var row = found.Value!;
        return await TryRenewAsync(row, duration, holder) ? new Lease(row, name, holder, previousHolder: null, sentAt, shared: true) : null;
    }

    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken) => (await CurrentAsync(name, cancellationToken))?.Holder;

    /// <summary>Who holds the lease and until when; null when it is free (never taken, released or lapsed).</summary>
    public async Task<LeaseHolder?> CurrentAsync(string name, CancellationToken cancellationToken)
    {
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(LeaseRow.Partition, name, cancellationToken: cancellationToken);
        return current.HasValue && LeaseRow.From(current.Value!) is { } row && row.Expires > time.GetUtcNow()
            ? new LeaseHolder(row.Holder, row.Expires)
            : null;
    }

    /// <summary>
    /// Keeps the lease alive until disposed: renews it every third of its duration. A renewal that
    /// finds it taken over cancels <see cref="Lease.Lost"/> and stops.
    /// </summary>
    public IAsyncDisposable KeepAlive(Lease lease, TimeSpan duration)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && !lease.IsLost)
            {
                try
                {
                    await Task.Delay(duration / 3, stop.Token);
                    await lease.RenewAsync(this, duration, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (LeaseLostException)
                {
                    return;
                }
                catch (RequestFailedException)
                {
                    // A storage hiccup: the next renewal tries again.
                }
            }
        });
        return new Heartbeat(stop, loop);
    }

    /// <summary>
    /// Renews a lease row with its ETag; false when another holder has it now (replaced, or
    /// released and taken). A shared lease (<paramref name="sharedBy"/>: its holder) whose row another
    /// process of the same run renewed meanwhile takes that row's ETag and renews again. Not cancelled
    /// once sent: a renewal stored but not seen would leave the ETag the release uses stale, and the
    /// released lease alive for a whole duration.
    /// </summary>
    internal async Task<bool> TryRenewAsync(TableEntity row, TimeSpan duration, string? sharedBy = null)
    {
        while (true)
        {
            row[LeaseRow.ExpiresColumn] = time.GetUtcNow() + duration;
            try
            {
                var renewed = await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, CancellationToken.None);
                row.ETag = renewed.Headers.ETag ?? default;
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                if (sharedBy is null || ex.Status == 404 || await SameHolderETagAsync(row.RowKey, sharedBy) is not { } current) return false;
                row.ETag = current;
            }
        }
    }

    /// <summary>The lease row's ETag if <paramref name="holder"/> still holds it, else null.</summary>
    private async Task<ETag?> SameHolderETagAsync(string name, string holder)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(LeaseRow.Partition, name, cancellationToken: CancellationToken.None);
        return found.HasValue && LeaseRow.From(found.Value!).Holder == holder ? found.Value!.ETag : null;
    }

    private sealed class Heartbeat(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(lease.Row.PartitionKey, lease.Row.RowKey, lease.Row.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over after it expired: the new holder owns it now. Or, shared, renewed by another
            // process of the same run since: released with that renewal's ETag.
            if (lease.Shared && ex.Status == 412 && await SameHolderETagAsync(lease.Name, lease.Holder) is { } current)
            {
                await ReleaseAsync(lease.Row.PartitionKey, lease.Name, current, cancellationToken);
            }
        }
    }

    private async Task ReleaseAsync(string partition, string name, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, name, etag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }
    }
}
