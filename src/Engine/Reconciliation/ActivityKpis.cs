namespace IntegrationHub.Engine.Reconciliation;

/// <summary>One procedure's activity in a scope and period: the slots of <see cref="Contribution.ActivityColumns"/>.</summary>
public sealed record ProcedureActivity(string Procedure, long Paid, long Dossiers, long Online, long Resolved, long PaidOnline)
{
    public static ProcedureActivity FromSlots(string procedure, IReadOnlyList<long> slots) => new(procedure, slots[0], slots[1], slots[2], slots[3], slots[4]);
}

/// <summary>
/// The KPIs that count only some procedures, assembled from one scope and period's per-procedure
/// activity and the catalogue's flags now; pure. Because they are assembled here and not stored per
/// dossier, a procedure made full-online (or payment-enabled, or vertical) is re-published from the
/// activity alone, without reading a dossier.
/// - online_dossier_rate: dossiers of full-online, non-vertical procedures submitted online, by receipt month;
/// - online_payment_rate: resolved dossiers of payment-enabled, non-vertical procedures paid online, by result month;
/// - payment_procedures_with_transaction: for an agency or level, the payment-enabled procedures it
///   received dossiers of that had a paid transaction; for the province, every payment-enabled
///   procedure with a paid transaction, over all of them (published once any payment exists).
/// </summary>
public static class ActivityKpis
{
    public static IEnumerable<KpiResult> Assemble(string scope, string period, IReadOnlyCollection<ProcedureActivity> rows,
        IReadOnlyDictionary<string, ProcedureFacts> procedures, KpiPublisher publisher)
    {
        long online = 0, received = 0, paidOnline = 0, resolved = 0, enabledReceived = 0, enabledReceivedPaid = 0;
        foreach (var row in rows)
        {
            if (!procedures.TryGetValue(row.Procedure, out var p) || p.Vertical) continue;
            if (p.FullOnline)
            {
                online += row.Online;
                received += row.Dossiers;
            }
            if (p.OnlinePayment)
            {
                paidOnline += row.PaidOnline;
                resolved += row.Resolved;
                if (row.Dossiers > 0)
                {
                    enabledReceived++;
                    if (row.Paid > 0) enabledReceivedPaid++;
                }
            }
        }
        if (received > 0) yield return publisher.Publish(scope, period, Kpis.OnlineDossierRate, online, received);
        if (resolved > 0) yield return publisher.Publish(scope, period, Kpis.OnlinePaymentRate, paidOnline, resolved);
        if (scope == KpiCells.Province)
        {
            if (rows.Any(r => r.Paid > 0))
            {
                var enabled = procedures.Values.Where(p => p.OnlinePayment && !p.Vertical).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
                yield return publisher.Publish(scope, period, Kpis.PaymentProceduresWithTransaction,
                    rows.Count(r => r.Paid > 0 && enabled.Contains(r.Procedure)), enabled.Count);
            }
        }
        else if (enabledReceived > 0)
        {
            yield return publisher.Publish(scope, period, Kpis.PaymentProceduresWithTransaction, enabledReceivedPaid, enabledReceived);
        }
    }
}
