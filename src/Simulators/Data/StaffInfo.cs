namespace IntegrationHub.Simulators.Data;

/// <summary>An official of an agency who handles dossiers: the case system's account and full name.</summary>
public sealed record StaffInfo(string Account, string Name);
