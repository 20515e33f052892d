namespace IntegrationHub.Simulators.Data;

/// <summary>
/// When a dossier was decided, returned and its workflow closed, drawn as part of its lifecycle
/// (<see cref="DossierGenerator.Generate"/>): on time between its receipt (or its last wait's end)
/// and its due time moved by its waits, or late after it; a planted closed-before-result workflow
/// closes before its decision.
/// </summary>
public sealed record DossierTimeline(bool Late, DateTimeOffset Decided, DateTimeOffset? Returned, DateTimeOffset Closed)
{
    /// <summary>Draws from <paramref name="r"/> in the generator's order (it goes on drawing after).</summary>
    public static DossierTimeline Draw(ref Rng r, DateTimeOffset received, DateTimeOffset due, DateTimeOffset effectiveDue,
        IReadOnlyList<PauseFacts> pauses, Outcome outcome, string? plant, bool guaranteed)
    {
        var processing = due - received;
            var resumed = pauses.Count == 0 ? received : pauses[^1].Ended;
            DateTimeOffset decided;
            DateTimeOffset? returned = null;
            DateTimeOffset closed;
            var lateRoll = r.NextDouble();
            var late = outcome == Outcome.Resolved && !guaranteed && (lateRoll < 0.015 || plant is Rules.LateWithoutApology or Rules.ApologyDateMissed);
            var t1 = r.NextDouble();
            var t2 = r.NextDouble();
            var t3 = r.NextDouble();
            if (outcome == Outcome.Resolved)
            {
                decided = late
                    ? DossierGenerator.Truncate(effectiveDue + TimeSpan.FromHours(1 + t1 * 119))
                    : DossierGenerator.Truncate(resumed + (effectiveDue - resumed) * (0.05 + 0.95 * t1));
                if (decided <= resumed) decided = resumed.AddMinutes(1);
                returned = DossierGenerator.Truncate(decided + TimeSpan.FromHours(t2 * 48));
                closed = DossierGenerator.Truncate(returned.Value + TimeSpan.FromMinutes(1 + t3 * 119));
                if (plant == Rules.ClosedBeforeResult)
                {
                    var room = Math.Min(48 * 60, (decided - received).TotalMinutes - 2);
                    closed = DossierGenerator.Truncate(decided - TimeSpan.FromMinutes(1 + t3 * Math.Max(0, room - 1)));
                }
            }
            else
            {
                var end = outcome == Outcome.Rejected ? TimeSpan.FromHours(1 + t1 * 23) : processing * (0.1 + 0.8 * t1);
                decided = DossierGenerator.Truncate(received + end);
                // Its workflow closes a minute after the decision, and that close is when the dossier ended:
                // a rejection within a day of a one-day procedure still ends before the due time.
                if (decided.AddMinutes(1) > due) decided = DossierGenerator.Truncate(due.AddMinutes(-2));
                if (decided <= received) decided = received.AddMinutes(1);
                closed = decided.AddMinutes(1);
            }
        return new DossierTimeline(late, decided, returned, closed);
    }
}
