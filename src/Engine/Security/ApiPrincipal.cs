namespace IntegrationHub.Engine.Security;

/// <summary>The caller a valid key identifies.</summary>
public sealed record ApiPrincipal(string KeyId, ApiRole Role, string Agency);
