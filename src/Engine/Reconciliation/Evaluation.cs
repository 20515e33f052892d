namespace IntegrationHub.Engine.Reconciliation;

/// <summary>A dossier's findings, KPI contributions, and when it must be looked at again even if nothing changes.</summary>
public sealed record Evaluation(IReadOnlyList<FindingKey> Findings, IReadOnlyList<Contribution> Contributions, DateTimeOffset? NextCheck)
{
    /// <summary>The dossier as the weekly due review lists it while it is open; null once it ended, or the province does not know it.</summary>
    public OpenDossier? Open { get; init; }

    public string FindingsText => Join(Findings.Select(f => f.ToString()));
    public string ContributionsText => Join(Contributions.Select(c => c.ToString()));

    public static IReadOnlyList<FindingKey> ParseFindings(string? text) =>
        Split(text).Select(l => l.Split('\t')).Select(p => new FindingKey(p[0], p[1], p[2])).ToList();

    public static IReadOnlyList<Contribution> ParseContributions(string? text) => Split(text).Select(Contribution.Parse).ToList();

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines.Order(StringComparer.Ordinal));

    private static IEnumerable<string> Split(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split('\n');
}
