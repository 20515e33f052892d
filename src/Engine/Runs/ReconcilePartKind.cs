namespace IntegrationHub.Engine.Runs;

/// <summary>The work items a full reconciliation is cut into (<see cref="ReconcileParts"/>).</summary>
public enum ReconcilePartKind
{
    /// <summary>Some of the buckets of dossiers, evaluated and written, their results stored.</summary>
    Buckets,

    /// <summary>Once every bucket has its result: the findings, counters and KPIs, and the run's end.</summary>
    Finish,
}
