namespace IntegrationHub.Simulators.Data;

/// <summary>One expected KPI value; <c>Denominator</c> is null for counts.</summary>
public sealed record KpiValue(string Scope, string Period, string Kpi, long Numerator, long? Denominator, double? Value);
