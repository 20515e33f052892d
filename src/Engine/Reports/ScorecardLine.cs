namespace IntegrationHub.Engine.Reports;

/// <summary>
/// One agency's line of the scorecard: its KPI values (rates 0-1, counts as counts), its Decision 766
/// group points and total, and its rank among the agencies of its level (1 the best; equal totals
/// share a rank); no rank without a total.
/// </summary>
public sealed record ScorecardLine(
    string Agency, string Name, string Level,
    IReadOnlyDictionary<string, double?> Kpis,
    IReadOnlyDictionary<string, double?> Groups,
    double? Total, int? Rank);
