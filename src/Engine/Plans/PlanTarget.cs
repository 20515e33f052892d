namespace IntegrationHub.Engine.Plans;

/// <summary>One quantified target of a plan, with the plan's words it comes from.</summary>
public sealed class PlanTarget
{
    public string Kpi { get; set; } = "";
    /// <summary>An agency level, <see cref="KpiTarget.WholeProvince"/>, or null for every scope.</summary>
    public string? Level { get; set; }
    public double Target { get; set; }
    public bool AtMost { get; set; }
    /// <summary>The plan's section and words.</summary>
    public string Line { get; set; } = "";
}
