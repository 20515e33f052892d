namespace IntegrationHub.Simulators.Data;

/// <summary>One consumer's use of one data service, summed over a window.</summary>
public sealed record MonitoringTotals(
    DataServiceInfo Service, string Consumer, DateTimeOffset From, DateTimeOffset To, long Requests, long Successes,
    long Failures, double AverageDurationMs, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure);
