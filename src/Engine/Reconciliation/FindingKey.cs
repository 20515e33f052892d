namespace IntegrationHub.Engine.Reconciliation;

/// <summary>A finding's identity: (rule, agency, subject).</summary>
public readonly record struct FindingKey(string Rule, string Agency, string Subject)
{
    public override string ToString() => $"{Rule}\t{Agency}\t{Subject}";
}
