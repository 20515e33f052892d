using System.Text.Json;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cli;

/// <summary>
/// <c>hub summary [--period yyyy|yyyy-MM] [--json]</c>: the province's KPIs of a period (default: the
/// latest year with data) and the catalogue KPIs now, against the plan's targets, with the Decision
/// 766 score; then open findings by rule. As text for people, or as one JSON object for scripts.
/// </summary>
public sealed class SummaryCommand(IServiceProvider services, TextWriter output)
{
    public async Task<int> RunAsync(Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        var rows = await services.GetRequiredService<KpiStore>().ReadScopeAsync(KpiCells.Province, cancellationToken);
        var period = options.GetValueOrDefault("period") ?? rows.Select(r => r.Period).Where(p => p.Length == 4).DefaultIfEmpty("").Max()!;
        var shown = rows.Where(r => r.Period == period || r.Period == GroundTruthPeriods.Current).OrderBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Kpi, StringComparer.Ordinal).ToList();
        var byRule = await services.GetRequiredService<FindingStore>().OpenByRuleAsync(null, cancellationToken);
        if (options.ContainsKey("json"))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                scope = KpiCells.Province,
                period,
                kpis = shown.Select(k => new { scope = k.Scope, period = k.Period, kpi = k.Kpi, numerator = k.Numerator, denominator = k.Denominator, value = k.Value, target = k.Target, met = k.Met }),
                openFindings = new { total = byRule.Values.Sum(), byRule },
            }, JsonSerializerOptions.Web));
            return 0;
        }

        await output.WriteLineAsync($"Province KPIs, {period} (and the catalogue now), against the plan's targets:");
        foreach (var k in shown.Where(r => !r.Kpi.StartsWith(KpiPublisher.ScorePrefix, StringComparison.Ordinal)).OrderBy(r => r.Kpi, StringComparer.Ordinal))
        {
            var value = KpiPublisher.IsCount(k.Kpi) ? $"{k.Value:0}" : k.Value is { } v ? $"{v:P1}" : "n/a";
            var goal = k.Target is not { } target ? "" : KpiPublisher.IsCount(k.Kpi) ? $"target {(KpiPublisher.LowerIsBetter(k.Kpi) ? "≤" : "≥")} {target:0}" : $"target {target:P0}";
            var met = k.Met switch { true => "met", false => "NOT MET", _ => "" };
            await output.WriteLineAsync($"  {k.Kpi,-36} {value,8}  {goal,-14} {met}");
        }
        if (shown.FirstOrDefault(r => r.Period == period && r.Kpi == KpiPublisher.ScoreTotal) is { } score)
        {
            await output.WriteLineAsync($"  {"Decision 766 score",-36} {score.Value,8:0.0}  of {score.Target:0}");
        }
        await output.WriteLineAsync($"Open findings: {byRule.Values.Sum()}");
        foreach (var (rule, count) in byRule) await output.WriteLineAsync($"  {rule,-36} {count,8}");
        return 0;
    }
}
