namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// A dossier still open (no result, not rejected, withdrawn or stopped), as the weekly review of
/// dossiers due soon and overdue lists it: its due time moved by its pauses so far; while it waits
/// for its applicant its clock is stopped, and it is overdue only if it already was when the wait
/// began (<see cref="LateWhenWaitBegan"/>).
/// </summary>
public sealed record OpenDossier(string Code, string Agency, string Procedure, DateTimeOffset Received, DateTimeOffset Due,
    bool Waiting, bool LateWhenWaitBegan, string? Handler, string? HandlerName)
{
    /// <summary>Overdue at <paramref name="now"/>: past its due time and running, or late before its wait began.</summary>
    public bool OverdueAt(DateTimeOffset now) => Waiting ? LateWhenWaitBegan : Due < now;
}
