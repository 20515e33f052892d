namespace IntegrationHub.Engine.Queries;

/// <summary>A data service an agency owns or consumes, with its traffic (<see cref="AgencyStatusQuery"/>).</summary>
public sealed record DataServiceStatus(string Code, string Name, string Origin, string Status, string Role, long Requests, long Failures, double? FailureShare, string State);
