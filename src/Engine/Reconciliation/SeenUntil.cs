namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// How far each feed is known complete: its watermark. A cross-system rule only judges what the
/// other system has had time to show and the hub has read, so a feed that is down or behind
/// produces no false findings. Null: never synced.
/// </summary>
public sealed record SeenUntil(DateTimeOffset? Province, DateTimeOffset? Portal, DateTimeOffset? Payments);
