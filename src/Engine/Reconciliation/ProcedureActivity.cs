namespace IntegrationHub.Engine.Reconciliation;

/// <summary>One procedure's activity in a scope and period: the slots of <see cref="Contribution.ActivityColumns"/>.</summary>
public sealed record ProcedureActivity(string Procedure, long Paid, long Dossiers, long Online, long Resolved, long PaidOnline)
{
    public static ProcedureActivity FromSlots(string procedure, IReadOnlyList<long> slots) => new(procedure, slots[0], slots[1], slots[2], slots[3], slots[4]);
}
