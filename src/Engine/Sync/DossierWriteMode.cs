namespace IntegrationHub.Engine.Sync;

/// <summary>How a dossier stream stores what it reads.</summary>
public enum DossierWriteMode
{
    /// <summary>Blind merges into the Dossiers tables, each row marked changed for the incremental reconciliation.</summary>
    MergeAndMark,

    /// <summary>
    /// Staged in Blob Storage for the full reconciliation, which writes each dossier once, joined and
    /// evaluated: a first load, a backfill, or any pass while a full reconciliation is pending.
    /// </summary>
    Stage,
}
