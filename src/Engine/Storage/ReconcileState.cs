using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The reconciliation's own state row (State table, "reconcile" / "state"): what the next run must
/// do beyond the incremental pass. Requests are counters, so a request made while a run is going on
/// is not lost: the run records the value it saw as done.
/// </summary>
public sealed class ReconcileState : ITableEntity
{
    public string PartitionKey { get; set; } = "reconcile";
    public string RowKey { get; set; } = "state";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Bumped by a first load, a backfill, a staged pass or an agency's level change.</summary>
    public long FullRequested { get; set; }
    public long FullDone { get; set; } = -1;
    /// <summary>Bumped by a change of procedure flags: KPIs are re-published from the counters, no dossier is read.</summary>
    public long RepublishRequested { get; set; }
    public long RepublishDone { get; set; }
    /// <summary>The run in progress, or empty: set at a run's start, so a run that died makes the next one full.</summary>
    public string InProgress { get; set; } = "";
    /// <summary>
    /// The run whose counters snapshot (<see cref="CounterStore.SaveSnapshotAsync"/>) is the Counters
    /// table as it is: set by a run that saved one and ended well; empty for none.
    /// </summary>
    public string CountersSnapshot { get; set; } = "";
    /// <summary>The DossierEvaluator version whose evaluations are stored with the dossiers.</summary>
    public int EvaluatorVersion { get; set; }

    public bool FullPending => FullRequested != FullDone;
    public bool RepublishPending => RepublishRequested != RepublishDone;
}
