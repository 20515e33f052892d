namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Counters by agency and month (<see cref="AgencyMonthCounters"/>): the absolute sums a full pass
/// computes, the deltas an incremental pass applies, or what is stored. Not thread-safe.
/// </summary>
public sealed class CounterSet
{
    public Dictionary<(string Agency, string Month), AgencyMonthCounters> Cells { get; } = new();

    public AgencyMonthCounters this[string agency, string month]
    {
        get
        {
            if (!Cells.TryGetValue((agency, month), out var cell)) Cells[(agency, month)] = cell = new AgencyMonthCounters();
            return cell;
        }
    }

    public void Add(Contribution c, int sign) => this[c.Agency, c.Month].Add(c, sign);

    public void Add(CounterSet other)
    {
        foreach (var ((agency, month), cell) in other.Cells) this[agency, month].Add(cell);
    }

    /// <summary>Drops cells and agency-months that came to zero.</summary>
    public CounterSet Trimmed()
    {
        foreach (var key in Cells.Where(c => c.Value.Trim()).Select(c => c.Key).ToList()) Cells.Remove(key);
        return this;
    }

    /// <summary>Open dossier findings by agency and rule (<see cref="Contribution.OpenFinding"/>); agencies without any are left out.</summary>
    public Dictionary<string, SortedDictionary<string, int>> OpenFindingsByAgencyAndRule()
    {
        var open = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var ((agency, month), cell) in Cells)
        {
            if (month != Contribution.AllTime) continue;
            foreach (var (key, sums) in cell.Kpis)
            {
                if (!key.StartsWith(Contribution.OpenFindingPrefix, StringComparison.Ordinal) || sums[0] == 0) continue;
                var rules = open.TryGetValue(agency, out var found) ? found : open[agency] = new SortedDictionary<string, int>(StringComparer.Ordinal);
                rules[key[Contribution.OpenFindingPrefix.Length..]] = (int)sums[0];
            }
        }
        return open;
    }

    /// <summary>Open dossier findings by rule, over every agency.</summary>
    public Dictionary<string, long> OpenFindingsByRule() => SumByRule(OpenFindingsByAgencyAndRule());

    /// <summary>Open findings by agency and rule summed by rule.</summary>
    public static Dictionary<string, long> SumByRule(IReadOnlyDictionary<string, SortedDictionary<string, int>> byAgency)
    {
        var open = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var rules in byAgency.Values)
        {
            foreach (var (rule, count) in rules) open[rule] = open.GetValueOrDefault(rule) + count;
        }
        return open;
    }

    /// <summary>Procedures with a successful transaction since the reconciliation period's start.</summary>
    public HashSet<string> ProceduresPaidSinceStart() =>
        Cells.Where(c => c.Key.Month == Contribution.AllTime)
            .SelectMany(c => c.Value.Activity.Where(a => a.Value[0] > 0).Select(a => a.Key))
            .ToHashSet(StringComparer.Ordinal);
}
