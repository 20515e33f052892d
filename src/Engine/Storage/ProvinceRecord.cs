namespace IntegrationHub.Engine.Storage;

/// <summary>The province's record of a dossier, as the hub keeps it (the Dossiers tables' <c>P</c> column, <see cref="RecordText"/>).</summary>
public sealed record ProvinceRecord(
    string Procedure, string Agency, int Channel, bool ByStaff, DateTimeOffset Received, DateTimeOffset Due,
    DateTimeOffset? Result, DateTimeOffset? Returned, DateTimeOffset? Closed, int Status, long Fee, string PayMethod,
    string? PayRef, bool DigitisedInput, bool DigitisedResult, bool Apology, DateTimeOffset? Synced, int? Rating, DateTimeOffset Updated)
{
    /// <summary>The times it waited for the applicant, oldest first.</summary>
    public IReadOnlyList<PauseRecord> Pauses { get; init; } = [];

    /// <summary>The applicant is exempt from the procedure's fee (<see cref="Fee"/> is then 0).</summary>
    public bool FeeExempt { get; init; }

    /// <summary>Paid online through the province's own payment gateway, not the national platform.</summary>
    public bool ViaProvincialGateway { get; init; }

    /// <summary>When the fee was paid, by whatever method; null while unpaid.</summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>The account of the official handling it, and their name; null before it is assigned.</summary>
    public string? Handler { get; init; }
    public string? HandlerName { get; init; }

    /// <summary>The new date the apology letter promises the result by; null without a letter or a date in it.</summary>
    public DateTimeOffset? ApologyDue { get; init; }

    /// <summary>Rejected, withdrawn or stopped: it ended with no result owed.</summary>
    public bool EndedWithoutResult => Status is Statuses.Rejected or Statuses.Withdrawn or Statuses.Stopped;

    /// <summary>The applicant owes something: the dossier counts in the online payment rate.</summary>
    public bool Payable => Fee > 0 && !FeeExempt;
}
