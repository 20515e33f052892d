using System.Collections.Concurrent;
using IntegrationHub.Contracts;

namespace IntegrationHub.Simulators.Data;

/// <summary>
/// Changes a rehearsal makes to the province's catalogue while the simulators run (POST
/// /_sim/procedures/{code}): a procedure made full-online, or no longer. The case system lists the
/// procedure with its new flag, and the answer key follows it: its KPIs count the procedure by the
/// flag it has now, its manifest judges it by that flag. Dossiers already generated keep the
/// channels they were submitted through: the province changed its catalogue, not the past.
/// </summary>
public sealed class CatalogueChanges
{
    private readonly ConcurrentDictionary<string, bool> fullOnline = new(StringComparer.Ordinal);

    public bool FullOnline(ProcedureInfo procedure) => fullOnline.TryGetValue(procedure.Code, out var changed) ? changed : procedure.FullOnline;

    public bool IsChanged(ProcedureInfo procedure) => fullOnline.ContainsKey(procedure.Code);

    public void SetFullOnline(ProcedureInfo procedure, bool value) => fullOnline[procedure.Code] = value;

    /// <summary>The catalogue findings of a changed procedure, as the rules read its flags now (unchanged ones keep their planted findings).</summary>
    public IEnumerable<string> FullOnlineFindings(ProcedureInfo procedure)
    {
        if (procedure.Vertical) yield break;
        var eligible = procedure.PortalListed && procedure.PortalFullOnlineEligible;
        if (eligible && !FullOnline(procedure)) yield return Rules.ServiceNotFullOnline;
        if (!eligible && FullOnline(procedure)) yield return Rules.ServiceFullOnlineNotEligible;
    }
}
