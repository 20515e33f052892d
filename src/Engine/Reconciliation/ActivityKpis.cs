namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// The KPIs that count only some procedures, assembled from one scope and period's rolled-up
/// activity (<see cref="ActivitySums"/>) and the catalogue's flags; pure. Because they are assembled
/// here and not stored per dossier, a procedure made full-online (or payment-enabled, or vertical)
/// is re-published from the activity alone, without reading a dossier; and because the sums take
/// each month's flags, a procedure made full-online in October does not rewrite January.
/// - online_dossier_rate: resolved dossiers of full-online, non-vertical procedures that their applicants submitted online, by result month;
/// - online_payment_rate: resolved dossiers with a fee to pay of payment-enabled, non-vertical procedures paid online, by result month;
/// - payment_procedures_with_transaction: for an agency or level, the payment-enabled procedures it
///   received dossiers of that had a paid transaction; for the province, every payment-enabled
///   procedure with a paid transaction, over all of them (published once any payment exists). Being
///   a count of procedures over the period, it takes the flags in force at the period's end
///   (<paramref name="flagsMonth"/>).
/// </summary>
public static class ActivityKpis
{
    public static IEnumerable<KpiResult> Assemble(string scope, string period, ActivitySums sums, string flagsMonth,
        IReadOnlyDictionary<string, ProcedureFacts> procedures, KpiPublisher publisher)
    {
        if (sums.Resolved > 0) yield return publisher.Publish(scope, period, Kpis.OnlineDossierRate, sums.ResolvedOnline, sums.Resolved);
        if (sums.Payable > 0) yield return publisher.Publish(scope, period, Kpis.OnlinePaymentRate, sums.PaidOnline, sums.Payable);
        bool Enabled(string code) => procedures.TryGetValue(code, out var p) && !p.Vertical && p.OnlinePaymentIn(flagsMonth);
        if (scope == KpiCells.Province)
        {
            if (sums.Procedures.Values.Any(s => s.HasFlag(ActivitySums.Seen.Paid)))
            {
                var enabled = procedures.Keys.Where(Enabled).ToHashSet(StringComparer.Ordinal);
                yield return publisher.Publish(scope, period, Kpis.PaymentProceduresWithTransaction,
                    sums.Procedures.Count(s => s.Value.HasFlag(ActivitySums.Seen.Paid) && enabled.Contains(s.Key)), enabled.Count);
            }
            yield break;
        }
        long enabledReceived = 0, enabledReceivedPaid = 0;
        foreach (var (code, seen) in sums.Procedures)
        {
            if (!seen.HasFlag(ActivitySums.Seen.Received) || !Enabled(code)) continue;
            enabledReceived++;
            if (seen.HasFlag(ActivitySums.Seen.Paid)) enabledReceivedPaid++;
        }
        if (enabledReceived > 0) yield return publisher.Publish(scope, period, Kpis.PaymentProceduresWithTransaction, enabledReceivedPaid, enabledReceived);
    }
}
