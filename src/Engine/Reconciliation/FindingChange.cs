namespace IntegrationHub.Engine.Reconciliation;

/// <summary>One finding a dossier's re-evaluation opened, confirmed or resolved.</summary>
public sealed record FindingChange(FindingKey Key, FindingChangeKind Kind);
