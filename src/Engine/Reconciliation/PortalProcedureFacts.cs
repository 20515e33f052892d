namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The portal's view of a procedure, from the national catalogue: whether it is eligible to be run
/// fully online and for online payment, its field, and when the ministry published it (null: not
/// given, judged as published long ago).
/// </summary>
public sealed record PortalProcedureFacts(string Code, bool FullOnlineEligible, bool PaymentEligible)
{
    public string Field { get; init; } = "";
    /// <summary>Eligible to be run partly online (một phần), the level below full online.</summary>
    public bool PartialEligible { get; init; }
    public DateTimeOffset? Published { get; init; }

    /// <summary>
    /// The plan gives provinces one month after the national list is published to offer an eligible
    /// procedure fully online ("sau 01 tháng kể từ ngày bộ, ngành trung ương công bố"): from the same
    /// Vietnam calendar day of the next month on, it is judged.
    /// </summary>
    public bool JudgedOn(DateTimeOffset asOf) =>
        Published is not { } published || VietnamTime.Date(asOf) >= VietnamTime.Date(published).AddMonths(GraceMonths);

    public const int GraceMonths = 1;
}
