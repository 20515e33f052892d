namespace IntegrationHub.Simulators.Data;

/// <summary>
/// The discrepancies a dossier can have planted on it, in the order a draw picks from: any dossier,
/// then a resolved one, then a resolved one with an online payment possible.
/// </summary>
internal static class DossierPlants
{
    private static readonly string[] Any = [Rules.DossierNotOnPortal, Rules.DossierUnknownToProvince, Rules.OnlineSubmittedByStaff, Rules.DueDateMismatch];
    private static readonly string[] Resolved = [Rules.DossierStatusMismatch, Rules.ClosedBeforeResult, Rules.LateWithoutApology, Rules.ApologyDateMissed];
    private static readonly string[] Paid = [Rules.PaymentNotRecorded, Rules.PaymentMissingTransaction, Rules.PaymentAmountMismatch, Rules.PaymentUnknownDossier];

    /// <summary>The plant a draw in [0, 1) picks among the kinds the dossier can have.</summary>
    public static string Pick(double draw, bool resolved, bool paymentPossible)
    {
        var n = Any.Length + (resolved ? Resolved.Length + (paymentPossible ? Paid.Length : 0) : 0);
        var i = (int)(draw * n);
        return i < Any.Length ? Any[i] : i < Any.Length + Resolved.Length ? Resolved[i - Any.Length] : Paid[i - Any.Length - Resolved.Length];
    }
}
