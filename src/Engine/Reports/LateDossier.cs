namespace IntegrationHub.Engine.Reports;

/// <summary>
/// A dossier received in the scorecard's period that is late as the plan counts it
/// (<see cref="Reconciliation.DossierProgress"/>): it ended after its due time (moved by its pauses),
/// or is still open past it at <see cref="AsOf"/> (<see cref="Ended"/> null).
/// </summary>
public sealed record LateDossier(string Code, string Agency, string Procedure, DateTimeOffset Received, DateTimeOffset Due, DateTimeOffset? Ended,
    bool Apology, DateTimeOffset AsOf)
{
    /// <summary>The official handling it (account and name), when the case system says.</summary>
    public string? Handler { get; init; }
    public string? HandlerName { get; init; }

    /// <summary>Whole days from the due date to the end (or to <see cref="AsOf"/>), in Vietnam's calendar; at least 1: a late dossier is late by a day.</summary>
    public int DaysLate => Math.Max(1, VietnamTime.Date(Ended ?? AsOf).DayNumber - VietnamTime.Date(Due).DayNumber);
}
