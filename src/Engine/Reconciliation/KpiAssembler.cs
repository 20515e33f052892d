namespace IntegrationHub.Engine.Reconciliation;

/// <summary>
/// Every KPI of every scope and period, assembled from the counters by agency and month; pure. Each
/// agency-month counts for its agency, the agency's level now, and the province, in its month, its
/// quarter and its year: the levels and the procedures' flags are applied here, at publishing time, so a change
/// of either is re-published from the stored counters alone. An incremental run asks only for the
/// scopes and periods its deltas count in (<paramref name="only"/>), the rest being unchanged.
/// </summary>
public static class KpiAssembler
{
    public static Dictionary<(string Scope, string Period), Dictionary<string, KpiResult>> Assemble(
        CounterSet counters, Func<string, string> levelOf, IReadOnlyDictionary<string, ProcedureFacts> procedures,
        KpiPublisher publisher, string currentMonth, IReadOnlySet<(string Scope, string Period)>? only = null)
    {
        var cells = new Dictionary<(string Scope, string Period), Dictionary<string, long[]>>();
        var activity = new Dictionary<(string Scope, string Period), ActivitySums>();
        Dictionary<string, long[]> CellsOf((string, string) scopePeriod)
        {
            if (!cells.TryGetValue(scopePeriod, out var kpis)) cells[scopePeriod] = kpis = new(StringComparer.Ordinal);
            return kpis;
        }
        ActivitySums ActivityOf((string, string) scopePeriod)
        {
            if (!activity.TryGetValue(scopePeriod, out var sums)) activity[scopePeriod] = sums = new ActivitySums();
            return sums;
        }
        foreach (var ((agency, month), counter) in counters.Cells)
        {
            if (month == Contribution.AllTime) continue;
            var scopePeriods = ScopePeriods(agency, month, levelOf);
            if (only is not null)
            {
                scopePeriods = [.. scopePeriods.Where(only.Contains)];
                if (scopePeriods.Length == 0) continue;
            }
            // Each scope and period's sums are looked up once per agency-month, not once per KPI or procedure.
            if (counter.Kpis.Count > 0)
            {
                foreach (var scopePeriod in scopePeriods)
                {
                    var kpis = CellsOf(scopePeriod);
                    foreach (var (kpi, cell) in counter.Kpis) AddTo(kpis, kpi, cell[0], cell[1]);
                }
            }
            if (counter.Activity.Count == 0) continue;
            var activitySums = Array.ConvertAll(scopePeriods, ActivityOf);
            var agencyLevel = levelOf(agency);
            // The cells of digitisation by competence level, per level (a procedure's competence is one of a few).
            var digitisationCells = new Dictionary<string, Dictionary<string, long[]>[]>(StringComparer.Ordinal);
            foreach (var (code, slots) in counter.Activity)
            {
                var row = ProcedureActivity.FromSlots(code, slots);
                procedures.TryGetValue(code, out var procedure);
                var counted = ActivitySums.Count(row, procedure, month);
                foreach (var sums in activitySums) sums.Add(counted);
                if (row.Resolved == 0) continue;
                // Digitisation counts at the level whose competence the procedure is, not the agency's.
                var competence = procedure?.CompetenceLevel(agencyLevel) ?? agencyLevel;
                if (!digitisationCells.TryGetValue(competence, out var competenceCells))
                {
                    digitisationCells[competence] = competenceCells =
                        [.. ScopePeriods(agency, month, _ => competence).Where(sp => only is null || only.Contains(sp)).Select(CellsOf)];
                }
                foreach (var kpis in competenceCells) AddTo(kpis, Kpis.DigitisationRate, row.Digitised, row.Resolved);
            }
        }

        var results = new Dictionary<(string Scope, string Period), Dictionary<string, KpiResult>>();
        Dictionary<string, KpiResult> Of(string scope, string period)
        {
            if (!results.TryGetValue((scope, period), out var kpis)) results[(scope, period)] = kpis = new(StringComparer.Ordinal);
            return kpis;
        }
        foreach (var ((scope, period), kpis) in cells)
        {
            foreach (var (kpi, cell) in kpis)
            {
                if (cell[0] == 0 && cell[1] == 0) continue;
                Of(scope, period)[kpi] = publisher.Publish(scope, period, kpi, cell[0], cell[1]);
            }
        }
        foreach (var ((scope, period), sums) in activity)
        {
            var flagsMonth = Min(KpiPeriods.LastMonth(period), currentMonth);
            foreach (var k in ActivityKpis.Assemble(scope, period, sums, flagsMonth, procedures, publisher)) Of(scope, period)[k.Kpi] = k;
        }
        return results;
    }

    /// <summary>
    /// The scopes and periods an incremental run re-publishes for the agency-months its deltas touch:
    /// their own (<see cref="ScopePeriods"/>) and every level's in the same periods, since a dossier
    /// may count at the level of its procedure's competence rather than its agency's.
    /// </summary>
    public static HashSet<(string Scope, string Period)> Touched(IEnumerable<(string Agency, string Month)> agencyMonths, Func<string, string> levelOf)
    {
        var touched = new HashSet<(string Scope, string Period)>();
        foreach (var (agency, month) in agencyMonths)
        {
            foreach (var scopePeriod in ScopePeriods(agency, month, levelOf)) touched.Add(scopePeriod);
            foreach (var level in Enum.GetNames<Contracts.Motcua.AgencyLevel>())
            {
                foreach (var period in PeriodsOf(month)) touched.Add((KpiCells.LevelScope(level), period));
            }
        }
        return touched;
    }

    /// <summary>The scopes and periods one agency-month counts in: agency, level and province; month, quarter and year.</summary>
    public static (string Scope, string Period)[] ScopePeriods(string agency, string month, Func<string, string> levelOf)
    {
        var level = KpiCells.LevelScope(levelOf(agency));
        var year = month[..4];
        var quarter = KpiPeriods.QuarterOf(month);
        return [(agency, month), (agency, quarter), (agency, year), (level, month), (level, quarter), (level, year),
            (KpiCells.Province, month), (KpiCells.Province, quarter), (KpiCells.Province, year)];
    }

    /// <summary>The periods a month counts in: itself, its quarter, its year.</summary>
    private static string[] PeriodsOf(string month) => [month, KpiPeriods.QuarterOf(month), month[..4]];

    private static void AddTo(Dictionary<string, long[]> kpis, string kpi, long numerator, long denominator)
    {
        ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(kpis, kpi, out _);
        sum ??= new long[2];
        sum[0] += numerator;
        sum[1] += denominator;
    }

    private static string Min(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a : b;
}
