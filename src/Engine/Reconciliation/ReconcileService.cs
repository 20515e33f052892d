using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Compares the three systems and writes findings and KPIs, in one process. Incremental by default
/// (<see cref="IncrementalPass"/>); full (<see cref="FullPass"/>) after a first load or backfill, an
/// evaluator of another version, or when the previous reconciliation did not finish; a change of
/// procedure flags or of an agency's level re-publishes every KPI from the counters, reading no
/// dossier (<see cref="ReconcileLifecycle"/> decides). Then the counters, catalogue findings and KPIs
/// (<see cref="ReconcileCompletion"/>). A run from the queue may hand its full pass off, to be cut
/// into work items that several instances share (<see cref="Runs.ReconcileParts"/>).
/// </summary>
public sealed class ReconcileService(
    HubStorage storage,
    ReconcileLifecycle lifecycle,
    LeaseStore leases,
    FullPass fullPass,
    IncrementalPass incrementalPass,
    ReconcileCompletion completion,
    IOptions<SyncOptions> syncOptions,
    ILogger<ReconcileService> logger)
{
    /// <summary>
    /// Runs under the reconciliation lease; null when another reconciliation is running. With
    /// <paramref name="handFullPassOff"/>, a full run is handed to it once prepared and returned still
    /// Running: its lease stays held, for the work items to join.
    /// </summary>
    public async Task<RunRecord?> RunAsync(bool forceFull, CancellationToken cancellationToken, string? runId = null,
        Func<ReconcileStart, CancellationToken, Task>? handFullPassOff = null)
    {
        if (await lifecycle.AcquireAsync(runId, cancellationToken) is not { } acquired) return null;
        var (run, lease) = acquired;
        var began = TimeProvider.System.GetUtcNow();
        // A reconciliation whose lease was taken over stops before its next write (each checks the
        // lease: EnsureLease), and never marks its work done.
        using var leased = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        var operationsBefore = storage.Operations;
        var heartbeat = leases.KeepAlive(lease, syncOptions.Value.LeaseDuration);
        var handedOff = false;
        try
        {
            var start = await lifecycle.PrepareAsync(run, lease, forceFull, cancellationToken);
            if (start.Full && handFullPassOff is not null)
            {
                await handFullPassOff(start, leased.Token);
                handedOff = true;
                return run;
            }
            var passTime = System.Diagnostics.Stopwatch.StartNew();
            var pass = start.Full
                ? await fullPass.RunAsync(start.Context, start.EnsureLeaseAsync, leased.Token)
                : await incrementalPass.RunAsync(start.Context, start.EnsureLeaseAsync, leased.Token);
            logger.LogInformation("Reconciliation phase {Phase} took {Ms} ms ({Operations} storage operations so far)",
                start.Full ? "full pass" : "incremental pass", passTime.ElapsedMilliseconds, storage.Operations);
            var (openByRule, openByAgency, snapshot) = await completion.CompleteAsync(start, pass, leased.Token);
            await lifecycle.SucceededAsync(start, pass.Evaluated, snapshot, cancellationToken);
            await completion.AnnounceAsync(openByRule, openByAgency, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            lifecycle.Failed(run, lease, ex);
        }
        finally
        {
            await heartbeat.DisposeAsync();
            if (!handedOff) await lifecycle.EndAsync(run, lease, began, storage.Operations - operationsBefore);
        }
        return run;
    }
}
