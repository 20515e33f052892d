namespace IntegrationHub.Engine.Security;

/// <summary>What a key may do: read one agency (and those below it), or everything and trigger syncs.</summary>
public enum ApiRole { Agency, Admin }
