namespace IntegrationHub.Engine.Reconciliation;

/// <summary>The names of the scopes KPIs are published for besides agencies: the province and each level (<see cref="KpiAssembler"/>).</summary>
public static class KpiCells
{
    public const string Province = "province";

    public static string LevelScope(string level) => "level:" + level;
}
