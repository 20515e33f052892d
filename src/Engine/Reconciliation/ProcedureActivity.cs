namespace IntegrationHub.Engine.Reconciliation;

/// <summary>One procedure's activity in a scope and period: the slots of <see cref="Contribution.ActivityColumns"/>.</summary>
public sealed record ProcedureActivity(string Procedure, long Paid, long Dossiers, long Online, long Resolved, long PaidOnline, long Payable,
    long ResolvedOnline, long Digitised = 0)
{
    /// <summary>The row from its stored slots; slots added since a row was stored read as 0.</summary>
    public static ProcedureActivity FromSlots(string procedure, IReadOnlyList<long> slots) =>
        new(procedure, slots[0], slots[1], slots[2], slots[3], slots[4], Slot(slots, 5), Slot(slots, 6), Slot(slots, 7));

    private static long Slot(IReadOnlyList<long> slots, int index) => slots.Count > index ? slots[index] : 0;
}
