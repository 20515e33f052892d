namespace IntegrationHub.Engine.Reconciliation;

/// <summary>The period name of snapshot KPIs.</summary>
public static class GroundTruthPeriods
{
    public const string Current = "current";
}
