namespace IntegrationHub.Engine.Reports;

/// <summary>An official with late dossiers in the period (by the case system's handler of each): how many, and how many without an apology.</summary>
public sealed record LateOfficial(string Agency, string Account, string Name, int Late, int WithoutApology);
