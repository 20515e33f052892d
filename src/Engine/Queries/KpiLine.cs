namespace IntegrationHub.Engine.Queries;

/// <summary>One KPI of a scope and period as the API answers it (<see cref="KpiQuery"/>).</summary>
public sealed record KpiLine(string Kpi, long? Numerator, long? Denominator, double? Value, double? Target, bool? Met);
