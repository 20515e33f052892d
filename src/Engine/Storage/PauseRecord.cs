using IntegrationHub.Contracts.Motcua;

namespace IntegrationHub.Engine.Storage;

/// <summary>A time the dossier waited for its applicant, as the province reported it; <see cref="Ended"/> is null while it waits.</summary>
public sealed record PauseRecord(PauseReason Reason, DateTimeOffset Started, DateTimeOffset? Ended);
