namespace IntegrationHub.Engine.Storage;

/// <summary>The province's record of a dossier, as the hub keeps it (the Dossiers tables' <c>P</c> column, <see cref="RecordText"/>).</summary>
public sealed record ProvinceRecord(
    string Procedure, string Agency, int Channel, bool ByStaff, DateTimeOffset Received, DateTimeOffset Due,
    DateTimeOffset? Result, DateTimeOffset? Returned, DateTimeOffset? Closed, int Status, long Fee, string PayMethod,
    string? PayRef, bool DigitisedInput, bool DigitisedResult, bool Apology, DateTimeOffset? Synced, int? Rating, DateTimeOffset Updated)
{
    /// <summary>The times it waited for the applicant, oldest first.</summary>
    public IReadOnlyList<PauseRecord> Pauses { get; init; } = [];
}
