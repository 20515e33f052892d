namespace IntegrationHub.Engine.Sync;

/// <summary>What a retry of a quarantined record did.</summary>
public enum QuarantineRetryOutcome
{
    /// <summary>No such quarantined record.</summary>
    NotFound,
    /// <summary>Retried before, or superseded: nothing to do.</summary>
    AlreadyDone,
    /// <summary>A record of a list the hub reads whole on every sync: the next sync reads it again.</summary>
    NotRetriable,
    /// <summary>A full reconciliation is pending; staged records go first, so a retry waits for it.</summary>
    FullPending,
    /// <summary>The hub still cannot store it; the reason says why.</summary>
    StillRejected,
    /// <summary>A version at least as new is stored already: marked Superseded, nothing written.</summary>
    Superseded,
    /// <summary>Stored and marked changed: the next reconciliation evaluates it.</summary>
    Stored,
    /// <summary>A sync wrote the same dossier meanwhile: try again.</summary>
    Conflict,
}
