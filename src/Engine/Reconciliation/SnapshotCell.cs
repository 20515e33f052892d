namespace IntegrationHub.Engine.Reconciliation;

/// <summary>A snapshot KPI cell ("current" period).</summary>
public sealed record SnapshotCell(string Scope, string Kpi, long Numerator, long Denominator);
