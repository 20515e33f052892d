namespace IntegrationHub.Engine.Reconciliation;

/// <summary>The portal's view of a procedure.</summary>
public sealed record PortalProcedureFacts(string Code, bool FullOnlineEligible, bool PaymentEligible);
