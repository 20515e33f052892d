namespace IntegrationHub.Simulators.Data;

/// <summary>A time the dossier waited for the applicant (status 5 or 6), which stops its processing clock.</summary>
public sealed record PauseFacts(PauseKind Kind, DateTimeOffset Started, DateTimeOffset Ended)
{
    /// <summary>The national status code while paused.</summary>
    public int Status => Kind == PauseKind.SupplementRequested ? 5 : 6;
}
