namespace IntegrationHub.Simulators.Data;

/// <summary>A payment-platform transaction as the portal records it.</summary>
public sealed record TransactionFacts(
    string Id, string DossierCode, string ProcedureCode, string AgencyCode, long Amount, int Status, DateTimeOffset PaidAt);
