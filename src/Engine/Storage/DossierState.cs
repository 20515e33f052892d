namespace IntegrationHub.Engine.Storage;

/// <summary>Everything the hub knows about one dossier code, joined from the three systems, plus its last evaluation (or a feedback item's record).</summary>
public sealed record DossierState(
    string Code, ProvinceRecord? Province, PortalRecord? Portal, IReadOnlyList<PaymentRecord> Payments,
    string? LastFindings = null, string? LastContributions = null, DateTimeOffset? NextCheck = null)
{
    /// <summary>The portal's record when the code is a citizen's feedback item rather than a dossier (<see cref="FeedbackRows"/>).</summary>
    public FeedbackRecord? Feedback { get; init; }

    /// <summary>The fingerprint of the OpenDossiers row the last evaluation left ("" for none; <see cref="OpenDossierRow.Fingerprint"/>).</summary>
    public string ListedOpen { get; init; } = "";
}
