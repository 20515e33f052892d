namespace IntegrationHub.Engine.Queries;

/// <summary>
/// A procedure an agency receives, with its activity in a period (<see cref="AgencyServicesQuery"/>):
/// the share of its dossiers received online, and the share of its resolved dossiers with a fee to
/// pay that were paid online.
/// </summary>
public sealed record ProcedureService(
    string Code, string Name, bool EligibleFullOnline, bool ProvidedFullOnline, bool PaymentEnabled, bool VerticalSector,
    long Dossiers, double? OnlineShare, long Resolved, double? PaidOnlineShare);
