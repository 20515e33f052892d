using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>The dossier streams' own rule for <see cref="Sync.RecordGate"/>, beyond Table Storage's limits (<see cref="TableLimits"/>).</summary>
public static class DossierRowProblems
{
    /// <summary>
    /// Why the hub cannot keep a dossier row that Table Storage would take: a code in the marker
    /// namespace, a pause that ends before it starts (the clock it stops could not be counted), or an
    /// agency code too long to key the agency's findings (<see cref="FindingEntity.PartitionOf"/>).
    /// </summary>
    public static string? Of(TableEntity row)
    {
        if (DossierRows.IsMarker(row.RowKey)) return $"dossier code '{row.RowKey[..Math.Min(80, row.RowKey.Length)]}' starts with '~', which the hub reserves for its marker rows";
        var state = DossierRows.Read(row);
        if (state.Province?.Pauses.FirstOrDefault(p => p.Ended < p.Started) is { } backwards)
        {
            return $"a pause ends ({backwards.Ended:O}) before it starts ({backwards.Started:O})";
        }
        foreach (var agency in new[] { state.Province?.Agency, state.Portal?.Agency, state.Feedback?.Agency })
        {
            if (agency is { Length: > 0 } && TableLimits.KeyProblem(FindingEntity.PartitionOf(agency), "the agency code") is { } problem) return problem;
        }
        return null;
    }
}
