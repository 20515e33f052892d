namespace IntegrationHub.Engine.Reports;

/// <summary>How a report cell is shown: a rate as a percentage, points with a decimal, a date, yes/no.</summary>
public enum CellKind { Text, Percent, Decimal, Integer, Date, YesNo }
