namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// What one agency's dossiers add up to in one month (or, for <see cref="Contribution.AllTime"/>,
/// the paid marks since the period start): KPI cells (numerator, denominator) and per-procedure
/// activity (the slots of <see cref="Contribution.ActivityColumns"/>). This is the grain counters
/// are stored at; every scope (agency, level, province) and period (month, year) is rolled up from
/// it when KPIs are published (<see cref="KpiAssembler"/>), so neither a change of an agency's level
/// nor of a procedure's flags re-reads a dossier.
/// </summary>
public sealed class AgencyMonthCounters
{
    public Dictionary<string, long[]> Kpis { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long[]> Activity { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds (sign +1) or takes away (-1) one contribution of this agency and month.</summary>
    public void Add(Contribution c, int sign)
    {
        if (c.IsActivity)
        {
            var slots = c.ActivitySlots();
            var row = Cell(Activity, c.Key[2..], slots.Length);
            for (var i = 0; i < slots.Length; i++) row[i] += sign * slots[i];
        }
        else
        {
            var cell = Cell(Kpis, c.Key, 2);
            cell[0] += sign * (c.Hit ? 1 : 0);
            cell[1] += sign * (c.Count ? 0 : 1);
        }
    }

    /// <summary>Adds another agency-month's sums (a delta, or a bucket's share of a full pass).</summary>
    public void Add(AgencyMonthCounters other)
    {
        foreach (var (kpi, cell) in other.Kpis) AddTo(Cell(Kpis, kpi, cell.Length), cell);
        foreach (var (procedure, slots) in other.Activity) AddTo(Cell(Activity, procedure, slots.Length), slots);
    }

    /// <summary>Drops cells that came to zero; true if nothing is left.</summary>
    public bool Trim()
    {
        foreach (var key in Kpis.Where(k => k.Value.All(v => v == 0)).Select(k => k.Key).ToList()) Kpis.Remove(key);
        foreach (var key in Activity.Where(k => k.Value.All(v => v == 0)).Select(k => k.Key).ToList()) Activity.Remove(key);
        return Kpis.Count == 0 && Activity.Count == 0;
    }

    public bool SameAs(AgencyMonthCounters other) => Same(Kpis, other.Kpis) && Same(Activity, other.Activity);

    private static bool Same(Dictionary<string, long[]> a, Dictionary<string, long[]> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var y) && x.Value.AsSpan().SequenceEqual(y));

    private static long[] Cell(Dictionary<string, long[]> cells, string key, int length)
    {
        if (!cells.TryGetValue(key, out var cell)) cells[key] = cell = new long[length];
        return cell;
    }

    private static void AddTo(long[] target, long[] source)
    {
        for (var i = 0; i < source.Length; i++) target[i] += source[i];
    }
}
