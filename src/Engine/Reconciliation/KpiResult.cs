namespace IntegrationHub.Engine.Reconciliation;

/// <summary>A published KPI value with its target; Denominator is null for counts.</summary>
public sealed record KpiResult(string Scope, string Period, string Kpi, long Numerator, long? Denominator, double? Value, double? Target, bool? Met);
