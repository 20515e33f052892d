using System.Collections.Concurrent;
using IntegrationHub.Contracts;

namespace IntegrationHub.Simulators.Data;

/// <summary>
/// Changes a rehearsal makes to the province's catalogue while the simulators run: a procedure made
/// full-online, or no longer, at the simulated instant of the request (POST /_sim/procedures/{code});
/// an agency moved to another level (POST /_sim/agencies/{code}). The case system lists the procedure with its new flag and that instant as its update
/// time. The answer key follows the plan's reading: a month's KPIs count the procedure by the flag
/// in force at the month's end (a procedure made full-online in October does not rewrite January),
/// and its manifest judges the catalogue by the flag it has now. Dossiers already generated keep the
/// channels they were submitted through: the province changed its catalogue, not the past.
/// </summary>
public sealed class CatalogueChanges
{
    private readonly ConcurrentDictionary<string, List<(DateTimeOffset At, bool FullOnline)>> fullOnline = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Level> levels = new(StringComparer.Ordinal);

    /// <summary>An agency's level now: the answer key puts all its counts, past ones too, at this level, as the hub does.</summary>
    public Level LevelOf(AgencyInfo agency) => levels.TryGetValue(agency.Code, out var changed) ? changed : agency.Level;

    public void SetLevel(AgencyInfo agency, Level level) => levels[agency.Code] = level;

    /// <summary>The flag now.</summary>
    public bool FullOnline(ProcedureInfo procedure) => fullOnline.TryGetValue(procedure.Code, out var history) ? Last(history).FullOnline : procedure.FullOnline;

    /// <summary>The flag in force at the end of a Vietnam calendar month ("yyyy-MM").</summary>
    public bool FullOnlineIn(ProcedureInfo procedure, string month)
    {
        if (!fullOnline.TryGetValue(procedure.Code, out var history)) return procedure.FullOnline;
        var value = procedure.FullOnline;
        lock (history)
        {
            foreach (var (at, flag) in history)
            {
                if (string.CompareOrdinal(VietnamTime.Month(at), month) <= 0) value = flag;
            }
        }
        return value;
    }

    /// <summary>When the procedure was last changed here, if it was.</summary>
    public DateTimeOffset? ChangedAt(ProcedureInfo procedure) => fullOnline.TryGetValue(procedure.Code, out var history) ? Last(history).At : null;

    public bool IsChanged(ProcedureInfo procedure) => fullOnline.ContainsKey(procedure.Code);

    public void SetFullOnline(ProcedureInfo procedure, bool value, DateTimeOffset at)
    {
        var history = fullOnline.GetOrAdd(procedure.Code, _ => []);
        lock (history) history.Add((at, value));
    }

    /// <summary>
    /// The full-online findings of a procedure, as the rules read its flags now: not offered fully
    /// online once a month has passed since the portal listed it eligible; offered but not eligible.
    /// </summary>
    public IEnumerable<string> FullOnlineFindings(ProcedureInfo procedure, DateTimeOffset now)
    {
        if (procedure.Vertical) yield break;
        var eligible = procedure.PortalListed && procedure.PortalFullOnlineEligible;
        if (eligible && NationalCatalogue.Judged(procedure, now) && !FullOnline(procedure)) yield return Rules.ServiceNotFullOnline;
        if (!eligible && FullOnline(procedure)) yield return Rules.ServiceFullOnlineNotEligible;
        if (PartlyDue(procedure, now) && !procedure.PartialOnline && !FullOnline(procedure)) yield return Rules.ServiceNotPartialOnline;
    }

    /// <summary>Listed as eligible partly online only (not fully), at least a month ago.</summary>
    public static bool PartlyDue(ProcedureInfo procedure, DateTimeOffset now) =>
        procedure is { PortalListed: true, PortalFullOnlineEligible: false, PortalPartialEligible: true } && NationalCatalogue.Judged(procedure, now);

    private static (DateTimeOffset At, bool FullOnline) Last(List<(DateTimeOffset At, bool FullOnline)> history)
    {
        lock (history) return history[^1];
    }
}
