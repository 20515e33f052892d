namespace IntegrationHub.Engine.Reports;

/// <summary>The scorecard's file formats (<see cref="ScorecardFiles"/>).</summary>
public enum ScorecardFormat { Csv, Xlsx }
