namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The portal's citizens' feedback: one item per 200 dossiers (at least 12), received from the data
/// start to ten days past the initial clock, each about a procedure its agency receives (seven in
/// ten name it), due 15 days after receipt. Answered within 14 days and published within two days of
/// the answer, except those planted at the plant rate (each kind at least once): answered late, never
/// answered, answered but never published. Plain code, sharing nothing with the hub's engine.
/// </summary>
public sealed class CitizenFeedback
{
    public static readonly TimeSpan AnswerTime = TimeSpan.FromDays(15);
    public static readonly string[] Kinds = ["late", "unanswered", "unpublished"];

    public IReadOnlyList<FeedbackFacts> Items { get; }

    public CitizenFeedback(Province province, SimulatorOptions options)
    {
        var count = Math.Max(12, options.Dossiers / 200);
        var span = options.InitialNow.AddDays(10) - options.DataStart;
        var items = new List<FeedbackFacts>(count);
        for (var k = 0; k < count; k++)
        {
            var r = new Rng(options.Seed, Streams.Feedback, k);
            var received = options.DataStart + span * ((k + r.NextDouble()) / count);
            var procedure = province.DossierProcedures[r.Next(province.DossierProcedures.Count)];
            var receivers = province.ReceiversOn(procedure, VietnamTime.Date(received));
            var agency = receivers[r.Next(receivers.Count)].Code;
            var due = received + AnswerTime;
            string? plant = r.Chance(options.PlantRate) ? Kinds[r.Next(Kinds.Length)] : null;
            if (plant is null && options.PlantRate > 0 && k < Kinds.Length) plant = Kinds[k]; // each kind at least once
            DateTimeOffset? answered = plant switch
            {
                "unanswered" => null,
                "late" => due + r.Between(TimeSpan.FromHours(2), TimeSpan.FromDays(5)),
                _ => received + r.Between(TimeSpan.FromHours(4), TimeSpan.FromDays(14)),
            };
            DateTimeOffset? published = plant == "unpublished" || answered is null ? null : answered + r.Between(TimeSpan.FromMinutes(30), TimeSpan.FromHours(48));
            items.Add(new FeedbackFacts($"PAKN-{k + 1:D7}", agency, r.Chance(0.7) ? procedure.Code : null, received, due, answered, published, plant));
        }
        Items = items;
    }

    /// <summary>
    /// Not handled as the plan counts it, at <paramref name="now"/>: answered after its due time, still
    /// unanswered past it, or answered more than the grace ago and not published.
    /// </summary>
    public static bool NotHandled(FeedbackFacts f, DateTimeOffset now, TimeSpan grace)
    {
        return f.LateAt(now) || (f.AnsweredBy(now) is { } answered && !f.PublishedBy(now) && now - answered > grace);
    }
}
