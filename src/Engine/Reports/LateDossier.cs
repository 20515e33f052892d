namespace IntegrationHub.Engine.Reports;

/// <summary>A dossier whose result came after its due date, in the scorecard's period (by the result's month).</summary>
public sealed record LateDossier(string Code, string Agency, string Procedure, DateTimeOffset Received, DateTimeOffset Due, DateTimeOffset Result, bool Apology)
{
    /// <summary>Whole days between the due date and the result, in Vietnam's calendar (at least 1: a late result is late by a day).</summary>
    public int DaysLate => Math.Max(1, VietnamTime.Date(Result).DayNumber - VietnamTime.Date(Due).DayNumber);
}
