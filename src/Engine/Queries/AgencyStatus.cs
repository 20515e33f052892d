namespace IntegrationHub.Engine.Queries;

/// <summary>What <c>GET /api/agencies/{code}/status</c> answers (<see cref="AgencyStatusQuery"/>).</summary>
public sealed record AgencyStatus(
    AgencyName Agency,
    IReadOnlyList<SourceStatus> Sources,
    IReadOnlyList<ApplicationStatus> Applications,
    IReadOnlyList<DataServiceStatus> DataServices,
    SortedDictionary<string, int> OpenFindings);
