namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// What one procedure's activity in one month adds to every scope and period it counts in
/// (<see cref="ActivitySums.Count"/>): worked out once, then added to each of them.
/// </summary>
public readonly record struct CountedActivity(string Procedure, ActivitySums.Seen Seen, long Resolved, long ResolvedOnline, long PaidOnline, long Payable);
