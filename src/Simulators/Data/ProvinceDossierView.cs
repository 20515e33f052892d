namespace IntegrationHub.Simulators.Data;

/// <summary>The province's record of a dossier at one instant (what the case system serves).</summary>
public sealed record ProvinceDossierView(
    DossierFacts Facts, int Status, DateTimeOffset? ResultIssuedAt, DateTimeOffset? ReturnedAt, DateTimeOffset? WorkflowClosedAt,
    PayMethod PaymentMethod, string? PaymentReference, bool DigitisedResult, bool ApologyLetterIssued,
    DateTimeOffset? PortalSyncedAt, int? SatisfactionRating, DateTimeOffset UpdatedAt);
