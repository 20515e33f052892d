namespace IntegrationHub.Engine.Reports;

/// <summary>A unit with late dossiers in the period: how many, and how many of them without an apology.</summary>
public sealed record LateUnit(string Agency, string Name, int Late, int WithoutApology);
