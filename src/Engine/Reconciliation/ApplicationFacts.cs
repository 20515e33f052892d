namespace IntegrationHub.Engine.Reconciliation;

/// <summary>An LGSP application.</summary>
public sealed record ApplicationFacts(string Id, string Agency, bool SharesData, bool Connected);
