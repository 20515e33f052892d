namespace IntegrationHub.Engine.Reconciliation;

/// <summary>The catalogue and LGSP as they are now: small, so evaluated whole on every run.</summary>
public sealed record CatalogueState(
    IReadOnlyList<ProcedureFacts> Procedures,
    IReadOnlyDictionary<string, PortalProcedureFacts> Portal,
    IReadOnlySet<string> ProceduresPaidInPeriod,
    IReadOnlyList<ApplicationFacts> Applications,
    IReadOnlyList<DataServiceFacts> Services);
