namespace IntegrationHub.Engine.Reconciliation;

/// <summary>What a re-evaluation did to one of a dossier's findings.</summary>
public enum FindingChangeKind
{
    /// <summary>It holds now and did not at the dossier's last evaluation.</summary>
    Opened,

    /// <summary>It held then and holds still.</summary>
    Confirmed,

    /// <summary>It held then and holds no more.</summary>
    Resolved,
}
