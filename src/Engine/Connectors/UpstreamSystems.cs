namespace IntegrationHub.Engine.Connectors;

/// <summary>The three upstream systems, as named HTTP clients and in run records.</summary>
public static class UpstreamSystems
{
    public const string Motcua = "motcua";
    public const string Portal = "portal";
    public const string Lgsp = "lgsp";
    public static readonly IReadOnlyList<string> All = [Motcua, Portal, Lgsp];
}
