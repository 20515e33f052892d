namespace IntegrationHub.Simulators.Data;

/// <summary>The portal's record of a dossier at one instant.</summary>
public sealed record PortalDossierView(
    string Code, DossierFacts Facts, int Status, DateTimeOffset? ReturnedAt, DateTimeOffset UpdatedAt);
