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

    /// <summary>Takes the lease, or returns null while another live run holds it.</summary>
    public async Task<TableEntity?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var lease = new TableEntity("lease", name) { ["Holder"] = holder, ["Expires"] = time.GetUtcNow() + duration };
        try
        {
            var added = await Table.AddEntityAsync(lease, cancellationToken);
            lease.ETag = added.Headers.ETag ?? default;
            return lease;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>("lease", name, cancellationToken: cancellationToken);
            if (current.HasValue && current.Value!.GetDateTimeOffset("Expires") > time.GetUtcNow()) return null;
            try
            {
                var replaced = current.HasValue
                    ? await Table.UpdateEntityAsync(lease, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await Table.AddEntityAsync(lease, cancellationToken);
                lease.ETag = replaced.Headers.ETag ?? default;
                return lease;
            }
            catch (RequestFailedException race) when (race.Status is 409 or 412)
            {
                return null;
            }
        }
    }

    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken) => (await CurrentAsync(name, cancellationToken))?.Holder;

    /// <summary>Who holds the lease and until when; null when it is free (never taken, released or lapsed).</summary>
    public async Task<LeaseHolder?> CurrentAsync(string name, CancellationToken cancellationToken)
    {
        var current = await Table.GetEntityIfExistsAsync<TableEntity>("lease", name, cancellationToken: cancellationToken);
        return current.HasValue && current.Value!.GetDateTimeOffset("Expires") is { } expires && expires > time.GetUtcNow()
            ? new LeaseHolder(current.Value.GetString("Holder") ?? "", expires)
            : null;
    }

    /// <summary>Keeps the lease alive until disposed: renews it every third of its duration.</summary>
    public IAsyncDisposable KeepAlive(TableEntity lease, TimeSpan duration)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(duration / 3, stop.Token);
                    lease["Expires"] = time.GetUtcNow() + duration;
                    // Not cancelled once sent: a renewal stored but not seen would leave the ETag the
                    // release uses stale, and the released lease alive for a whole duration.
                    var renewed = await Table.UpdateEntityAsync(lease, lease.ETag, TableUpdateMode.Replace, CancellationToken.None);
                    lease.ETag = renewed.Headers.ETag ?? default;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (RequestFailedException)
                {
                    // Lost it (taken over after a stall) or storage hiccup: the next renewal tries again.
                }
            }
        });
        return new Heartbeat(stop, loop);
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

    public async Task ReleaseAsync(TableEntity lease, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(lease.PartitionKey, lease.RowKey, lease.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over after it expired: the new holder owns it now.
        }
    }
}
