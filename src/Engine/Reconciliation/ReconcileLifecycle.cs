using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// A reconciliation's lifecycle: its lease and run record (<see cref="AcquireAsync"/>), what it must
/// do (<see cref="PrepareAsync"/>: the state row says whether the pass is full, and is marked in
/// progress, so a run that dies makes the next one full), and its end (<see cref="SucceededAsync"/>,
/// <see cref="Failed"/>, <see cref="EndAsync"/>).
/// </summary>
public sealed class ReconcileLifecycle(
    EvaluationInputs inputs, ReconcileStateStore state, RunStore runs, LeaseStore leases,
    IOptions<SyncOptions> syncOptions, TimeProvider time, ILogger<ReconcileLifecycle> logger)
{
    private TimeSpan LeaseDuration => syncOptions.Value.LeaseDuration;

    /// <summary>
    /// Takes the reconciliation lease for a new run (or <paramref name="runId"/>, recorded Queued when
    /// requested); null while another reconciliation holds it. A run whose lapsed lease this one took
    /// over is marked Abandoned.
    /// </summary>
    public async Task<(RunRecord Run, Lease Lease)?> AcquireAsync(string? runId, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var run = new RunRecord { RowKey = runId ?? RunStore.NewId(), Source = Sources.Reconcile, Started = started, Worker = RunRecord.ThisProcess };
        var lease = await leases.TryAcquireAsync(LeaseStore.ReconcileLease, run.Id, LeaseDuration, cancellationToken);
        if (lease is null) return null;
        if (lease.PreviousHolder is { } previous && previous != run.Id) await runs.MarkAbandonedAsync(previous, run.Id, started, cancellationToken);
        return (run, lease);
    }

    /// <summary>Records the run as Running, decides what it does, and marks it in progress in the state row.</summary>
    public async Task<ReconcileStart> PrepareAsync(RunRecord run, Lease lease, bool forceFull, CancellationToken cancellationToken)
    {
        await runs.SaveAsync(run, cancellationToken);
        var s = await state.GetAsync(cancellationToken);
        var full = forceFull || s.FullPending || !string.IsNullOrEmpty(s.InProgress) || s.EvaluatorVersion != DossierEvaluator.Version;
        var start = new ReconcileStart
        {
            Run = run, Lease = lease, LeaseDuration = LeaseDuration, Leases = leases,
            Full = full, Republish = !full && s.RepublishPending,
            FullRequested = s.FullRequested, RepublishRequested = s.RepublishRequested, SnapshotBefore = s.CountersSnapshot,
            Context = await ContextAsync(run.Started, cancellationToken),
        };
        s.InProgress = run.Id;
        await state.SaveAsync(s, cancellationToken);
        return start;
    }

    /// <summary>The evaluation's fixed inputs for a run at <paramref name="now"/>: the rules' settings and how far each feed is synced.</summary>
    public async Task<EvaluationContext> ContextAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await inputs.ContextAsync(now, await inputs.SeenAsync(cancellationToken), cancellationToken);

    /// <summary>The context of a run's later work item: the run's clock and watermarks, as it started.</summary>
    public Task<EvaluationContext> ContextAsync(DateTimeOffset now, SeenUntil? seen, CancellationToken cancellationToken) =>
        inputs.ContextAsync(now, seen, cancellationToken);

    /// <summary>
    /// The run ended well: the in-progress mark is cleared and the requests it saw recorded as done
    /// (requests that arrived meanwhile stay pending); <paramref name="snapshot"/> is the run whose
    /// counters snapshot is now the table's.
    /// </summary>
    public async Task SucceededAsync(ReconcileStart start, long records, string snapshot, CancellationToken cancellationToken)
    {
        await start.EnsureLeaseAsync(cancellationToken);
        await state.UpdateAsync(done =>
        {
            done.InProgress = "";
            done.CountersSnapshot = snapshot;
            if (start.Full)
            {
                done.FullDone = start.FullRequested;
                done.EvaluatorVersion = DossierEvaluator.Version;
            }
            if (start.Full || start.Republish) done.RepublishDone = start.RepublishRequested;
        }, cancellationToken);
        var run = start.Run;
        run.Status = Outcomes.Succeeded;
        run.Records = records;
        run.Streams = RunStore.StreamsJson([new { start.Mode }]);
        Telemetry.HubMetrics.ReconcileEnded(run.Status, start.Mode);
    }

    /// <summary>The run failed: the reason is kept on its record (a lost lease says so). The state keeps it in progress, so the next run is full.</summary>
    public void Failed(RunRecord run, Lease lease, Exception ex)
    {
        if (lease.IsLost) ex = new LeaseLostException(lease.Name, run.Id);
        logger.LogError(ex, "Reconciliation {RunId} failed", run.Id);
        run.Status = Outcomes.Failed;
        Telemetry.HubMetrics.ReconcileEnded(run.Status, "Unknown");
        run.ErrorKind = Connectors.ErrorKinds.Classify(ex).ToString();
        run.Error = ex.Message.Split('\n')[0];
    }

    /// <summary>Stores the run's end and releases its lease.</summary>
    public async Task EndAsync(RunRecord run, Lease lease, DateTimeOffset began, long storageOperations)
    {
        run.Ended = time.GetUtcNow();
        run.DurationMs = (long)(TimeProvider.System.GetUtcNow() - began).TotalMilliseconds;
        run.StorageOperations = storageOperations;
        await runs.SaveAsync(run, CancellationToken.None);
        await leases.ReleaseAsync(lease, CancellationToken.None);
    }
}
