namespace IntegrationHub.Engine.Queries;

/// <summary>
/// What <c>GET /api/agencies/{code}/status</c> answers (<see cref="AgencyStatusQuery"/>); AsOf is when
/// the applications, data services and open findings were published (the end of the last
/// reconciliation), null before the first.
/// </summary>
public sealed record AgencyStatus(
    AgencyName Agency,
    IReadOnlyList<SourceStatus> Sources,
    IReadOnlyList<ApplicationStatus> Applications,
    IReadOnlyList<DataServiceStatus> DataServices,
    SortedDictionary<string, int> OpenFindings,
    DateTimeOffset? AsOf);
