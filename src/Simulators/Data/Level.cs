namespace IntegrationHub.Simulators.Data;

/// <summary>Administrative level of an agency; the district level ceased on 1 July 2025.</summary>
public enum Level { Province, Department, District, Commune }
