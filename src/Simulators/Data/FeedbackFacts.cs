namespace IntegrationHub.Simulators.Data;

/// <summary>
/// A citizen's feedback (phản ánh, kiến nghị) as it will unfold: received, due, answered (null: never),
/// its answer published (null: never), with the discrepancy planted on it if any.
/// </summary>
public sealed record FeedbackFacts(string Code, string AgencyCode, string? ProcedureCode, DateTimeOffset Received, DateTimeOffset Due,
    DateTimeOffset? AnsweredAt, DateTimeOffset? PublishedAt, string? Plant)
{
    public bool VisibleAt(DateTimeOffset now) => Received <= now;

    public DateTimeOffset? AnsweredBy(DateTimeOffset now) => AnsweredAt <= now ? AnsweredAt : null;

    public bool PublishedBy(DateTimeOffset now) => PublishedAt <= now;

    /// <summary>Late at <paramref name="now"/>: answered after its due time, or unanswered past it.</summary>
    public bool LateAt(DateTimeOffset now) => AnsweredBy(now) is { } at ? at > Due : now > Due;

    /// <summary>The last change the portal shows at <paramref name="now"/>.</summary>
    public DateTimeOffset UpdatedBy(DateTimeOffset now) =>
        new[] { Received, AnsweredAt ?? Received, PublishedAt ?? Received }.Where(t => t <= now).Max();
}
