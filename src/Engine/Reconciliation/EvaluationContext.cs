namespace IntegrationHub.Engine.Reconciliation;

/// <summary>The fixed inputs of one reconciliation: the clock, the rules' settings and the feeds' watermarks.</summary>
public sealed record EvaluationContext(DateTimeOffset Now, TimeSpan Grace, DateTimeOffset PeriodStart, SeenUntil? Seen = null)
{
    public SeenUntil Feeds => Seen ?? new SeenUntil(Now, Now, Now);
}
