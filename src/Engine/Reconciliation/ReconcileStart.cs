using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// A reconciliation under way (<see cref="ReconcileLifecycle.BeginAsync"/>): its record, its lease,
/// what it must do, and the fixed inputs of its evaluation. A run cut into work items rebuilds it in
/// the process that finishes it (<see cref="Runs.ReconcileParts"/>).
/// </summary>
public sealed class ReconcileStart
{
    public required RunRecord Run { get; init; }
    public required Lease Lease { get; init; }
    public required TimeSpan LeaseDuration { get; init; }
    public required LeaseStore Leases { get; init; }

    /// <summary>A full pass: every dossier is read (a first load or backfill, another evaluator version, a previous run that did not finish, or asked).</summary>
    public required bool Full { get; init; }

    /// <summary>Every KPI is re-published from the counters (procedure flags or an agency's level changed).</summary>
    public bool Republish { get; init; }

    /// <summary>The state's request counts when the run began: recorded as done when it ends well, so requests made meanwhile stay pending.</summary>
    public long FullRequested { get; init; }
    public long RepublishRequested { get; init; }

    /// <summary>The run whose counters snapshot is the Counters table as the run began; empty for none.</summary>
    public string SnapshotBefore { get; init; } = "";

    public required EvaluationContext Context { get; init; }

    /// <summary>Machine time when the run began, for its duration (the business clock may be pinned).</summary>
    public DateTimeOffset Began { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Throws <see cref="LeaseLostException"/> once another reconciliation holds the lease; called before every write.</summary>
    public Task EnsureLeaseAsync(CancellationToken cancellationToken) => Lease.EnsureHeldAsync(Leases, LeaseDuration, cancellationToken);

    public string Mode => Full ? "Full" : Republish ? "Republish" : "Incremental";
}
