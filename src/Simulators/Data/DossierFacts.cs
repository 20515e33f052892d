namespace IntegrationHub.Simulators.Data;

/// <summary>
/// Everything that will ever happen to one dossier, computed from (seed, index) alone. Views at a
/// given simulated instant are derived from it, so a dossier "changes" as the clock advances.
/// </summary>
public sealed class DossierFacts
{
    public required long Index { get; init; }
    public required string Code { get; init; }
    public required ProcedureInfo Procedure { get; init; }
    public required AgencyInfo Agency { get; init; }
    public required ChannelKind Channel { get; init; }
    public required bool SubmittedByStaff { get; init; }
    public required DateTimeOffset Received { get; init; }
    /// <summary>The due time set at receipt (what the case system reports).</summary>
    public required DateTimeOffset Due { get; init; }
    /// <summary>Times waited for the applicant, oldest first; each ends before the dossier is decided.</summary>
    public required IReadOnlyList<PauseFacts> Pauses { get; init; }
    /// <summary>The due time moved one working day later per working day paused.</summary>
    public required DateTimeOffset EffectiveDue { get; init; }
    public required Outcome Outcome { get; init; }
    /// <summary>Result issued (resolved outcome) or the end of the dossier (other outcomes).</summary>
    public required DateTimeOffset Decided { get; init; }
    public DateTimeOffset? Returned { get; init; }
    public required DateTimeOffset Closed { get; init; }
    public required bool ApologyIssued { get; init; }
    /// <summary>The new date the apology letter promises; null without a letter.</summary>
    public DateTimeOffset? ApologyPromised { get; init; }
    /// <summary>The official handling it, from receipt on.</summary>
    public required StaffInfo Handler { get; init; }
    /// <summary>What the applicant owes: 0 for a free procedure or an exempt applicant.</summary>
    public required long Fee { get; init; }
    public required bool FeeExempt { get; init; }
    /// <summary>Paid online through the province's own gateway: no transaction on the national platform.</summary>
    public required bool ViaProvincialGateway { get; init; }
    public required PayMethod ProvinceMethod { get; init; }
    public string? PaymentReference { get; init; }
    public required DateTimeOffset PaidAt { get; init; }
    public required IReadOnlyList<TransactionFacts> Transactions { get; init; }
    public required bool DigitisedInput { get; init; }
    public required bool DigitisedResult { get; init; }
    public int? Rating { get; init; }
    public DateTimeOffset? RatedAt { get; init; }
    public required TimeSpan PortalLag { get; init; }
    public required bool OnPortal { get; init; }
    public required bool PortalStatusFrozen { get; init; }
    public string? GhostCode { get; init; }
    public string? Plant { get; init; }

    public DateTimeOffset? ResultIssued => Outcome == Outcome.Resolved ? Decided : null;
    public bool Late => Outcome == Outcome.Resolved && Decided > EffectiveDue;

    /// <summary>The status transitions: (time, national status code).</summary>
    public IEnumerable<(DateTimeOffset At, int Status)> Transitions()
    {
        switch (Outcome)
        {
            case Outcome.Resolved:
                yield return (Received, 4);
                foreach (var pause in Pauses)
                {
                    yield return (pause.Started, pause.Status);
                    yield return (pause.Ended, 4);
                }
                yield return (Decided, 9);
                yield return (Returned!.Value, 10);
                break;
            case Outcome.Rejected:
                yield return (Received, 2);
                yield return (Decided, 3);
                break;
            default:
                yield return (Received, 4);
                yield return (Decided, Outcome == Outcome.Withdrawn ? 7 : 8);
                break;
        }
    }

    public (DateTimeOffset At, int Status) StatusAt(DateTimeOffset t)
    {
        var last = (Received, Outcome == Outcome.Rejected ? 2 : 4);
        foreach (var transition in Transitions())
        {
            if (transition.At <= t) last = transition;
        }
        return last;
    }
}
