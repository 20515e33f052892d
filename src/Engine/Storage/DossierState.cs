namespace IntegrationHub.Engine.Storage;

/// <summary>Everything the hub knows about one dossier code, joined from the three systems, plus its last evaluation.</summary>
public sealed record DossierState(
    string Code, ProvinceRecord? Province, PortalRecord? Portal, IReadOnlyList<PaymentRecord> Payments,
    string? LastFindings = null, string? LastContributions = null, DateTimeOffset? NextCheck = null);
