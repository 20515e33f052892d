using IntegrationHub.Engine.Connectors;

namespace IntegrationHub.Engine.Sync;

/// <summary>The sources a run can sync; each is one upstream system.</summary>
public static class Sources
{
    public const string Motcua = UpstreamSystems.Motcua;
    public const string Portal = UpstreamSystems.Portal;
    public const string Lgsp = UpstreamSystems.Lgsp;
    public const string Reconcile = "reconcile";
    public static readonly IReadOnlyList<string> All = [Motcua, Portal, Lgsp];

    public static bool IsKnown(string source) => All.Contains(source);
}
