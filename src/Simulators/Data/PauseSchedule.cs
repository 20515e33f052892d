namespace IntegrationHub.Simulators.Data;

/// <summary>The waits for the applicant the generator gives a dossier (<see cref="PauseFacts"/>).</summary>
public static class PauseSchedule
{
    /// <summary>
    /// The times a resolved dossier waits for its applicant: 6 % are asked for a supplement, 3 % more
    /// (with a fee) for a financial obligation, early in their processing, for 1 to 3 working days.
    /// From their own random stream, so that adding them left every other draw of a dossier as it was.
    /// </summary>
    public static IReadOnlyList<PauseFacts> Of(long seed, long index, DateTimeOffset received, DateTimeOffset due, long fee)
    {
        var r = new Rng(seed, Streams.Pause, index);
        var roll = r.NextDouble();
        var kind = roll < 0.06 ? PauseKind.SupplementRequested : roll < 0.09 && fee > 0 ? PauseKind.FinancialObligation : (PauseKind?)null;
        if (kind is null) return [];
        var started = DossierGenerator.Truncate(received + (due - received) * (0.1 + 0.4 * r.NextDouble()));
        var ended = WorkingDays.SameTimeOn(started, WorkingDays.After(VietnamTime.Date(started), r.Next(1, 4)));
        return [new PauseFacts(kind.Value, started, ended)];
    }

    /// <summary>The working days a pause holds the clock: those after the day it began, up to the day it ended.</summary>
    public static int WorkingDaysHeld(PauseFacts pause)
    {
        var count = 0;
        for (var d = VietnamTime.Date(pause.Started).AddDays(1); d <= VietnamTime.Date(pause.Ended); d = d.AddDays(1))
        {
            if (WorkingDays.IsWorking(d)) count++;
        }
        return count;
    }
}
