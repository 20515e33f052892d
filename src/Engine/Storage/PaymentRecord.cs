namespace IntegrationHub.Engine.Storage;

/// <summary>One payment-platform transaction.</summary>
public sealed record PaymentRecord(string Id, string Dossier, string Procedure, string Unit, long Amount, int Status, DateTimeOffset PaidAt)
{
    public bool Succeeded => Status == 0;
}
