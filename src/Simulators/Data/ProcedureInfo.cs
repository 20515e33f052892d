namespace IntegrationHub.Simulators.Data;

/// <summary>A procedure as both the portal and the province know it, with the catalogue discrepancy planted on it.</summary>
public sealed record ProcedureInfo(
    int Ordinal, string Code, string Name, string Field, Level Level, string LeadAgencyOrigin,
    bool PortalListed, bool PortalFullOnlineEligible, bool PortalPaymentEligible,
    bool FullOnline, bool OnlinePayment, bool Vertical, long Fee, int ProcessingDays,
    DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, string? Plant)
{
    /// <summary>Its internal and electronic workflows are issued and published.</summary>
    public bool WorkflowsPublished { get; init; } = true;
    /// <summary>Received and returned at the one-stop desks.</summary>
    public bool OneStop { get; init; } = true;
    /// <summary>The portal lists it as eligible to be run partly online (một phần), for those not eligible fully.</summary>
    public bool PortalPartialEligible { get; init; }
    /// <summary>Provided partly online here.</summary>
    public bool PartialOnline { get; init; } = true;
    public bool LinkedSameLevel { get; init; }
    public bool LinkedCrossLevel { get; init; }
}
