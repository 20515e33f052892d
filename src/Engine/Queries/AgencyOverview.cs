namespace IntegrationHub.Engine.Queries;

/// <summary>
/// One agency's line in the dashboard's grid (<see cref="AgencyOverviewQuery"/>): its LGSP
/// applications connected, its data services failing, its open findings, how many of its KPIs of the
/// period meet the plan's target, and its Decision 766 total.
/// </summary>
public sealed record AgencyOverview(
    string Code,
    string Name,
    string Level,
    string? Parent,
    int Applications,
    int ApplicationsConnected,
    int DataServicesFailing,
    int OpenFindings,
    int KpisJudged,
    int KpisMet,
    double? Score766)
{
    /// <summary>Connected: every application on the LGSP (or none to connect); Partial: some; NotConnected: none of several.</summary>
    public string Connection => Applications == 0 || ApplicationsConnected == Applications ? "Connected" : ApplicationsConnected == 0 ? "NotConnected" : "Partial";
}
