namespace IntegrationHub.Engine.Queries;

/// <summary>One KPI of a scope and period as the API answers it (<see cref="KpiQuery"/>).</summary>
public sealed record KpiLine(string Kpi, long? Numerator, long? Denominator, double? Value, double? Target, bool? Met)
{
    /// <summary>The plan the target comes from, e.g. "4912/KH-UBND (Bình Thuận, 2024), carried forward".</summary>
    public string? TargetPlan { get; init; }

    /// <summary>The target is a ceiling: lower is better.</summary>
    public bool AtMost { get; init; }
}
