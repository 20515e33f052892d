namespace IntegrationHub.Engine.Queries;

/// <summary>An agency's code, name and level (null when the catalogue does not know it).</summary>
public sealed record AgencyName(string Code, string? Name, string? Level);
