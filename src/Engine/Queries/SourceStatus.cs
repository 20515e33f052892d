namespace IntegrationHub.Engine.Queries;

/// <summary>One source's connection as an agency sees it (<see cref="AgencyStatusQuery"/>).</summary>
public sealed record SourceStatus(string Source, string State, DateTimeOffset? LastSuccess, FailureAt? LastFailure, int ConsecutiveFailures, long? DataLagSeconds);
