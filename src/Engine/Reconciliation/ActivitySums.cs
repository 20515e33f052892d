namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// One scope and period's procedure activity, rolled up for the KPIs that count only some
/// procedures: the sums of procedures that were full-online (or payment-enabled) in the month each
/// dossier counted in, and which procedures had dossiers received and a paid transaction, for the
/// distinct count of payment procedures.
/// </summary>
public sealed class ActivitySums
{
    [Flags]
    public enum Seen : byte { None = 0, Received = 1, Paid = 2 }

    /// <summary>Resolved dossiers of full-online procedures.</summary>
    public long Resolved { get; private set; }
    /// <summary>Of those, submitted online by their applicants.</summary>
    public long ResolvedOnline { get; private set; }
    public long PaidOnline { get; private set; }
    /// <summary>Resolved dossiers with a fee to pay.</summary>
    public long Payable { get; private set; }
    public Dictionary<string, Seen> Procedures { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds one procedure's activity of one month ("yyyy-MM"); unknown and vertical procedures count in no sum.</summary>
    public void Add(ProcedureActivity row, ProcedureFacts? procedure, string month) => Add(Count(row, procedure, month));

    /// <summary>What a procedure's activity of one month ("yyyy-MM") adds, by the flags in force that month.</summary>
    public static CountedActivity Count(ProcedureActivity row, ProcedureFacts? procedure, string month)
    {
        var seen = (row.Dossiers > 0 ? Seen.Received : Seen.None) | (row.Paid > 0 ? Seen.Paid : Seen.None);
        if (procedure is null || procedure.Vertical) return new(row.Procedure, seen, 0, 0, 0, 0);
        var fullOnline = procedure.FullOnlineIn(month);
        var onlinePayment = procedure.OnlinePaymentIn(month);
        return new(row.Procedure, seen, fullOnline ? row.Resolved : 0, fullOnline ? row.ResolvedOnline : 0,
            onlinePayment ? row.PaidOnline : 0, onlinePayment ? row.Payable : 0);
    }

    public void Add(CountedActivity counted)
    {
        if (counted.Seen != Seen.None)
        {
            ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Procedures, counted.Procedure, out _);
            seen |= counted.Seen;
        }
        Resolved += counted.Resolved;
        ResolvedOnline += counted.ResolvedOnline;
        PaidOnline += counted.PaidOnline;
        Payable += counted.Payable;
    }
}
