using System.Text;
using System.Text.Json;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cli;

/// <summary>hub findings export: every finding (or the open, or the resolved; one agency's) as NDJSON or CSV.</summary>
public sealed class FindingCommands(IServiceProvider services, TextWriter output, TextWriter errors)
{
    public async Task<int> ExportAsync(Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        var format = options.GetValueOrDefault("format") ?? "ndjson";
        if (format is not ("ndjson" or "csv")) throw new UsageException("--format must be ndjson or csv.");
        var status = options.GetValueOrDefault("status") ?? "open";
        if (status is not ("open" or "resolved" or "all")) throw new UsageException("--status must be open, resolved or all.");
        var agency = options.GetValueOrDefault("agency");

        var stored = status switch { "open" => FindingEntity.Open, "resolved" => FindingEntity.Resolved, _ => null };
        var findings = services.GetRequiredService<FindingStore>();

        TextWriter target = output;
        StreamWriter? file = null;
        if (options.GetValueOrDefault("output") is { } path) target = file = new StreamWriter(path, false, new UTF8Encoding(false));
        try
        {
            if (format == "csv") await target.WriteLineAsync("rule,agency,subject,status,firstSeen,lastSeen,resolvedAt");
            var count = 0;
            await foreach (var f in findings.ReadAsync(agency, stored, cancellationToken))
            {
                var line = format == "csv"
                    ? string.Join(',', Csv(f.Rule), Csv(f.Agency), Csv(f.Subject), Csv(f.Status), Csv(Commands.Iso(f.FirstSeen)), Csv(Commands.Iso(f.LastSeen)), Csv(f.ResolvedAt is { } r ? Commands.Iso(r) : ""))
                    : JsonSerializer.Serialize(new
                    {
                        rule = f.Rule, agency = f.Agency, subject = f.Subject, status = f.Status.ToLowerInvariant(),
                        firstSeen = f.FirstSeen, lastSeen = f.LastSeen, resolvedAt = f.ResolvedAt,
                    });
                await target.WriteLineAsync(line);
                count++;
            }
            await errors.WriteLineAsync($"{count} findings exported.");
        }
        finally
        {
            if (file is not null) await file.DisposeAsync();
        }
        return 0;
    }

    /// <summary>RFC 4180: quote fields with commas, quotes or line breaks; double the quotes.</summary>
    public static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
