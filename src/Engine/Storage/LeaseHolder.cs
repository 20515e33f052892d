namespace IntegrationHub.Engine.Storage;

/// <summary>The run that holds a lease now, and when the lease lapses unless renewed.</summary>
public sealed record LeaseHolder(string Holder, DateTimeOffset Expires);
