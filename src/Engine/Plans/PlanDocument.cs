namespace IntegrationHub.Engine.Plans;

/// <summary>
/// One administrative-reform plan's quantified targets as shipped data (src/Engine/Plans/*.json):
/// the plan's number, province and the months it covers. A plan carried forward keeps judging the
/// months after it until the next plan starts, labelled as carried.
/// </summary>
public sealed class PlanDocument
{
    public string Plan { get; set; } = "";
    public string Province { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>First month in force, "yyyy-MM".</summary>
    public string From { get; set; } = "";
    /// <summary>Last month in force, "yyyy-MM".</summary>
    public string To { get; set; } = "";
    public bool CarriedForward { get; set; }
    public List<PlanTarget> Targets { get; set; } = [];

    /// <summary>How a KPI row names the plan its target comes from.</summary>
    public string Label => $"{Plan} ({Province}, {From[..4]})";
}
