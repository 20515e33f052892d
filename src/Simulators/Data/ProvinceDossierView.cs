namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The province's record of a dossier at one instant (what the case system serves). A pause still
/// running at that instant has <see cref="DateTimeOffset.MaxValue"/> as its end.
/// </summary>
public sealed record ProvinceDossierView(
    DossierFacts Facts, int Status, IReadOnlyList<PauseFacts> Pauses, DateTimeOffset? ResultIssuedAt, DateTimeOffset? ReturnedAt, DateTimeOffset? WorkflowClosedAt,
    PayMethod PaymentMethod, string? PaymentReference, bool DigitisedResult, bool ApologyLetterIssued,
    DateTimeOffset? PortalSyncedAt, int? SatisfactionRating, DateTimeOffset UpdatedAt);
