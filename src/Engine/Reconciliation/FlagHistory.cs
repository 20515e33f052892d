namespace IntegrationHub.Engine.Reconciliation;

/// <summary>How a procedure's flag history (<see cref="ProcedureFacts.History"/>) grows as the catalogue is synced; pure.</summary>
public static class FlagHistory
{
    /// <summary>
    /// The history after the catalogue listed the procedure with these flags, or null if it does not
    /// change. Flags first seen hold for every earlier month (""). A change is in force from the
    /// month of the procedure's update time, taken no later than now and no earlier than the last
    /// change: an update time upstream cannot move a change into the future or rewrite an older one.
    /// Two changes in one month leave the later flags for that month.
    /// </summary>
    public static IReadOnlyList<ProcedureFlags>? Next(IReadOnlyList<ProcedureFlags> history, bool fullOnline, bool onlinePayment,
        DateTimeOffset updatedAt, DateTimeOffset now)
    {
        if (history.Count == 0) return [new ProcedureFlags("", fullOnline, onlinePayment)];
        var last = history[^1];
        if (last.FullOnline == fullOnline && last.OnlinePayment == onlinePayment) return null;
        var month = VietnamTime.Month(updatedAt < now ? updatedAt : now);
        if (string.CompareOrdinal(month, last.FromMonth) <= 0) month = last.FromMonth;
        var next = new ProcedureFlags(month, fullOnline, onlinePayment);
        return month == last.FromMonth && history.Count > 1 ? [.. history.SkipLast(1), next] : [.. history, next];
    }
}
