namespace IntegrationHub.Engine.Queries;

/// <summary>A scope's KPIs of a period, and the catalogue KPIs as they are now (<see cref="KpiQuery"/>).</summary>
public sealed record KpiView(string Scope, string Period, IReadOnlyList<KpiLine> Kpis, IReadOnlyList<KpiLine> Snapshot);
