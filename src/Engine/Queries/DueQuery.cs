using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>An agency's weekly due review (<see cref="DueReview"/>), from the open-dossier index the reconciliation keeps.</summary>
public sealed class DueQuery(OpenDossierStore openDossiers)
{
    public async Task<DueReview> ReadAsync(string agency, DateTimeOffset now, int days, CancellationToken cancellationToken) =>
        DueReview.Of(agency, await openDossiers.ReadAgencyAsync(agency, cancellationToken), now, days);
}
