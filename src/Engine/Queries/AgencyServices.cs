namespace IntegrationHub.Engine.Queries;

/// <summary>What <c>GET /api/agencies/{code}/services</c> answers (<see cref="AgencyServicesQuery"/>).</summary>
public sealed record AgencyServices(string Agency, string Period, IReadOnlyList<ProcedureService> Procedures);
