namespace IntegrationHub.Engine.Reports;

/// <summary>
/// The monthly (or yearly) scorecard a department publishes: every agency's KPIs, Decision 766 groups
/// and rank; the late dossiers with whether an apology was issued; the units and the officials with
/// late dossiers (the plan asks for both every month).
/// </summary>
public sealed record Scorecard(
    string Period,
    IReadOnlyList<string> KpiColumns,
    IReadOnlyList<string> GroupColumns,
    IReadOnlyList<ScorecardLine> Agencies,
    IReadOnlyList<LateDossier> LateDossiers,
    IReadOnlyList<LateUnit> LateUnits,
    IReadOnlyList<LateOfficial> LateOfficials);
