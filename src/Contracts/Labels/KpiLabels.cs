using System.Text.Json;

namespace IntegrationHub.Contracts.Labels;

/// <summary>
/// The KPIs' names as people read them, in Vietnamese and English (Labels/kpi-names.json), including
/// the Decision 766 groups ("score766.{group}"): the one list the scorecard's headers and the
/// dashboard (which bundles the same file) both use.
/// </summary>
public static class KpiLabels
{
    private const string Resource = "Labels.kpi-names.json";

    private static readonly Dictionary<string, Dictionary<string, string>> ByLanguage = Load();

    /// <summary>Names in Vietnamese, by KPI (and "score766.{group}").</summary>
    public static IReadOnlyDictionary<string, string> Vietnamese => ByLanguage["vi"];

    /// <summary>Names in English, by KPI (and "score766.{group}").</summary>
    public static IReadOnlyDictionary<string, string> English => ByLanguage["en"];

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        using var stream = typeof(KpiLabels).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is empty.");
    }
}
