namespace IntegrationHub.Engine.Reconciliation;

/// <summary>A published KPI value with its target; Denominator is null for counts.</summary>
public sealed record KpiResult(string Scope, string Period, string Kpi, long Numerator, long? Denominator, double? Value, double? Target, bool? Met)
{
    /// <summary>The plan the target comes from (<see cref="KpiTarget.Plan"/>); null without a target or a label.</summary>
    public string? TargetPlan { get; init; }
}
