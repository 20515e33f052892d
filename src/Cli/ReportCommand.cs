using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Reports;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cli;

/// <summary>
/// <c>hub report --period yyyy-MM --format csv|xlsx --output FILE</c>: the scorecard a department
/// publishes each month (<see cref="ScorecardQuery"/>), as GET /api/report answers it.
/// </summary>
public sealed class ReportCommand(IServiceProvider services, TextWriter output)
{
    public async Task<int> RunAsync(Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        var period = options.GetValueOrDefault("period") ?? throw new UsageException("hub report needs --period yyyy-MM (or yyyy).");
        if (!IsPeriod(period)) throw new UsageException($"--period {period}: expected yyyy-MM, yyyy-Qn or yyyy.");
        var formatText = options.GetValueOrDefault("format") ?? "xlsx";
        if (!ScorecardFiles.TryParse(formatText, out var format)) throw new UsageException($"--format {formatText}: expected csv or xlsx.");
        var path = options.GetValueOrDefault("output") ?? ScorecardFiles.FileName(period, format);

        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        var card = await services.GetRequiredService<ScorecardQuery>().ReadAsync(period, cancellationToken);
        // Written beside the target, then moved over it: a failed run leaves no half-written file.
        var partial = path + ".partial";
        await using (var file = File.Create(partial)) ScorecardFiles.Write(card, format, file);
        File.Move(partial, path, overwrite: true);
        await output.WriteLineAsync($"Scorecard {period}: {card.Agencies.Count} agencies, {card.LateDossiers.Count} late dossiers, {card.LateUnits.Count} units with late dossiers -> {path}");
        return 0;
    }

    private static bool IsPeriod(string text) => Engine.Reconciliation.KpiPeriods.IsPeriod(text);
}
