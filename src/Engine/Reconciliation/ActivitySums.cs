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

    public long Online { get; private set; }
    public long Received { get; private set; }
    public long PaidOnline { get; private set; }
    public long Resolved { get; private set; }
    public Dictionary<string, Seen> Procedures { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds one procedure's activity of one month ("yyyy-MM"); unknown and vertical procedures count in no sum.</summary>
    public void Add(ProcedureActivity row, ProcedureFacts? procedure, string month)
    {
        var seen = (row.Dossiers > 0 ? Seen.Received : Seen.None) | (row.Paid > 0 ? Seen.Paid : Seen.None);
        if (seen != Seen.None) Procedures[row.Procedure] = Procedures.GetValueOrDefault(row.Procedure) | seen;
        if (procedure is null || procedure.Vertical) return;
        if (procedure.FullOnlineIn(month))
        {
            Online += row.Online;
            Received += row.Dossiers;
        }
        if (procedure.OnlinePaymentIn(month))
        {
            PaidOnline += row.PaidOnline;
            Resolved += row.Resolved;
        }
    }
}
