namespace IntegrationHub.Engine.Queries;

/// <summary>One of an agency's LGSP applications (<see cref="AgencyStatusQuery"/>).</summary>
public sealed record ApplicationStatus(string Id, string Name, bool SharesData, bool ConnectedViaLgsp, DateTimeOffset? LastSeen, string State);
