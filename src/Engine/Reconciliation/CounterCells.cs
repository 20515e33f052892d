namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Counter cells in memory: (scope, period, key) -> sums. A KPI cell holds numerator and
/// denominator; a procedure-activity cell ("@code") holds the slots of <see cref="Contribution.ActivityColumns"/>.
/// </summary>
internal static class CounterCells
{
    /// <summary>Counter-cell key of a procedure's activity row ("@code").</summary>
    public const string ActivityKey = "@";

    public static bool IsActivityKey(string key) => key.StartsWith(ActivityKey, StringComparison.Ordinal);

    /// <summary>The ProcActivity partition of a scope and period.</summary>
    public static string ActivityPartition(string scope, string period) => scope + "|" + period;

    /// <summary>The scope and period of a partition made by <see cref="ActivityPartition"/> (periods hold no bar).</summary>
    public static (string Scope, string Period) SplitActivityPartition(string partition)
    {
        var bar = partition.LastIndexOf('|');
        return (partition[..bar], partition[(bar + 1)..]);
    }

    /// <summary>Adds (sign +1) or takes away (-1) a contribution in every cell it counts for.</summary>
    public static void Accumulate(Dictionary<(string, string, string), long[]> cells, Contribution c, Func<string, string> levelOf, int sign)
    {
        foreach (var (scope, period, key, numerator, denominator) in KpiCells.Expand(c, levelOf))
        {
            if (c.IsActivity)
            {
                var cellKey = (scope, period, ActivityKey + key[2..]);
                if (!cells.TryGetValue(cellKey, out var row)) cells[cellKey] = row = new long[Contribution.ActivityColumns.Length];
                var slots = c.ActivitySlots();
                for (var i = 0; i < slots.Length; i++) row[i] += sign * slots[i];
            }
            else
            {
                if (!cells.TryGetValue((scope, period, key), out var cell)) cells[(scope, period, key)] = cell = new long[2];
                cell[0] += sign * numerator;
                cell[1] += sign * denominator;
            }
        }
    }

    /// <summary>Rules about the catalogue and LGSP rather than dossiers: evaluated whole every run, not per dossier.</summary>
    public static bool IsCatalogueRule(string rule) => rule is Rules.ServiceNotFullOnline or Rules.ServiceFullOnlineNotEligible
        or Rules.PaymentEnabledNoTransaction or Rules.AppNotConnectedToLgsp or Rules.NationalServiceNotInUse or Rules.DataServiceFailing;
}
