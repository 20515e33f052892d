namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The fixed inputs of one reconciliation: the clock, the rules' settings, the feeds' watermarks, the
/// working calendar, and each procedure's processing time in working days as the catalogue gives it.
/// </summary>
public sealed record EvaluationContext(DateTimeOffset Now, TimeSpan Grace, DateTimeOffset PeriodStart, SeenUntil? Seen = null)
{
    public SeenUntil Feeds => Seen ?? new SeenUntil(Now, Now, Now);

    public WorkingCalendar Calendar { get; init; } = WorkingCalendar.Shipped;

    /// <summary>Processing days by procedure code; a procedure not listed has its due dates left unjudged.</summary>
    public IReadOnlyDictionary<string, int> ProcessingDays { get; init; } = new Dictionary<string, int>();
}
