namespace IntegrationHub.Engine.Reconciliation;

/// <summary>The catalogue and LGSP as they are now: small, so evaluated whole on every run.</summary>
public sealed record CatalogueState(
    IReadOnlyList<ProcedureFacts> Procedures,
    IReadOnlyDictionary<string, PortalProcedureFacts> Portal,
    IReadOnlySet<string> ProceduresPaidInPeriod,
    IReadOnlyList<ApplicationFacts> Applications,
    IReadOnlyList<DataServiceFacts> Services)
{
    /// <summary>The instant the catalogue is judged at, which the grace after a national publication runs to; null: no grace.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The portal lists the procedure as eligible for full online, and its grace is over.</summary>
    public bool DueFullOnline(PortalProcedureFacts? listed) => listed is { FullOnlineEligible: true } && (AsOf is not { } asOf || listed.JudgedOn(asOf));

    /// <summary>The portal lists the procedure as eligible to be run partly online only (not fully), and its grace is over.</summary>
    public bool DuePartialOnline(PortalProcedureFacts? listed) =>
        listed is { FullOnlineEligible: false, PartialEligible: true } && (AsOf is not { } asOf || listed.JudgedOn(asOf));
}
