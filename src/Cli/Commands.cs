using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Cli;

/// <summary>The hub's commands; output to <paramref name="output"/>, progress and errors to <paramref name="errors"/>.</summary>
public sealed class Commands(IServiceProvider services, TextWriter output, TextWriter errors)
{
    public const string Usage = """
        Usage:
          hub sync [all|motcua|portal|lgsp] [--from TIME --to TIME] [--no-reconcile] [--wait SECONDS] [--accept-shrink]
              Pull sources (default: all, then reconcile). --from/--to backfill an explicit window
              (ISO 8601, e.g. 2025-07-01 or 2025-07-01T00:00:00+07:00; dates are Vietnam time).
              A source already being synced is skipped (exit 3) unless --wait gives the seconds to
              wait for that run to end or its lease to lapse. A list (agencies, procedures, LGSP
              applications...) that lost more than Sync__MaxSnapshotShrink of its stored rows is
              not applied; --accept-shrink applies it (after checking with the source).
          hub request [all|motcua|portal|lgsp] [--from TIME --to TIME] [--no-reconcile] [--accept-shrink] [--no-wait]
              Request the run through the run queue, as POST /api/sync and the timers do, for the
              hub's workers (the Function App, or ./hub up) to execute; then wait for its runs
              (and the reconciliation after them) to end. Exit 3 if a run of a source is queued
              or running.
          hub reconcile [--full]
              Compare the synced data: findings and KPIs. --full re-evaluates every dossier.
          hub findings export [--format ndjson|csv] [--status open|resolved|all] [--agency CODE] [--output FILE]
              One finding per line: rule, agency, subject, status, firstSeen, lastSeen, resolvedAt.
          hub summary [--period yyyy|yyyy-MM] [--json]
              Province KPIs against the plan's targets and open findings by rule; --json prints
              the same as one JSON object for scripts (KPI rows with scope, period, kpi, value,
              target, met; open findings by rule).
          hub report --period yyyy-MM [--format csv|xlsx] [--output FILE]
              The monthly scorecard to publish (also of a year: --period yyyy): each agency's
              KPIs, Decision 766 groups and rank in its level; the late dossiers and whether an
              apology was issued; the units with late dossiers. Vietnamese headers and formats.
          hub runs [--count N]
              The latest sync and reconciliation runs.
          hub keys create (--agency CODE | --admin) [--label TEXT]
              Issue an API key; it is shown once, only its hash is kept.
          hub keys list
          hub keys revoke KEY-ID
          hub quarantine list [--stream NAME] [--run RUN-ID] [--status Held|Retried|Superseded] [--count N]
              Upstream records the hub could not store, newest first, with the reason.
          hub quarantine show ID
              One quarantined record's reason, and its JSON on standard output.
          hub quarantine retry ID
              Store a quarantined dossier record with the hub as it is now (after a fix), unless
              a version at least as new is stored. Records the upstream corrects need no retry.
          hub kpis export
              Every KPI row as one JSON object a line.
          hub storage count
              Rows per table of this storage prefix.
          hub storage dump
              Every dossier row, one line each, in key order (comparing two hubs' state).
          hub storage probe --rows N
              The raw floor: write N dossier-shaped rows once (scratch tables, deleted after).
          hub reset --yes
              Delete every table and the raw-page container of this storage prefix (rehearsals:
              ./hub up --fresh). Keys, runs and findings of the prefix go with them.
        Settings come from environment variables named as in local.settings.sample.json
        (e.g. HubStorage, Motcua__BaseUrl, Portal__Password).
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (positional, options) = Parse(args);
        return positional switch
        {
            ["sync", .. var rest] => await new SyncCommand(services, output, errors).RunAsync(rest, options, cancellationToken),
            ["request"] => await new RequestCommand(services, output, errors).RunAsync(Sources.All, options, cancellationToken),
            ["request", var source] => await new RequestCommand(services, output, errors).RunAsync(source == "all" ? Sources.All : [source], options, cancellationToken),
            ["reconcile"] => await ReconcileAsync(options.ContainsKey("full"), cancellationToken),
            ["findings", "export"] => await new FindingCommands(services, output, errors).ExportAsync(options, cancellationToken),
            ["runs"] => await RunsAsync(options, cancellationToken),
            ["report"] => await new ReportCommand(services, output).RunAsync(options, cancellationToken),
            ["summary"] => await new SummaryCommand(services, output).RunAsync(options, cancellationToken),
            ["keys", "create"] => await new KeyCommands(services, output, errors).CreateAsync(options, cancellationToken),
            ["keys", "list"] => await new KeyCommands(services, output, errors).ListAsync(cancellationToken),
            ["keys", "revoke", var id] => await new KeyCommands(services, output, errors).RevokeAsync(id, cancellationToken),
            ["quarantine", "list"] => await new QuarantineCommands(services, output, errors).ListAsync(options, cancellationToken),
            ["quarantine", "show", var id] => await new QuarantineCommands(services, output, errors).ShowAsync(id, cancellationToken),
            ["quarantine", "retry", var id] => await new QuarantineCommands(services, output, errors).RetryAsync(id, cancellationToken),
            ["reset"] => await ResetAsync(options.ContainsKey("yes"), cancellationToken),
            ["kpis", "export"] => await new MeasureCommands(services, output, errors).ExportKpisAsync(cancellationToken),
            ["storage", "count"] => await new MeasureCommands(services, output, errors).CountRowsAsync(cancellationToken),
            ["storage", "dump"] => await new MeasureCommands(services, output, errors).DumpDossiersAsync(cancellationToken),
            ["storage", "probe"] => await new MeasureCommands(services, output, errors).ProbeStorageAsync(options.GetValueOrDefault("rows"), cancellationToken),
            _ => throw new UsageException($"Unknown command: {string.Join(' ', positional)}"),
        };
    }

    private static (List<string> Positional, Dictionary<string, string?> Options) Parse(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            var name = args[i][2..];
            var flag = name is "no-reconcile" or "accept-shrink" or "full" or "admin" or "yes" or "no-wait" or "json";
            if (flag) options[name] = null;
            else if (i + 1 < args.Length) options[name] = args[++i];
            else throw new UsageException($"--{name} needs a value.");
        }
        return (positional, options);
    }

    private async Task<int> ReconcileAsync(bool full, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        var run = await services.GetRequiredService<ReconcileService>().RunAsync(full, cancellationToken);
        if (run is null)
        {
            await output.WriteLineAsync("skipped: another reconciliation is in progress");
            return 3;
        }
        await output.WriteLineAsync($"reconcile {run.Status} {run.Records} dossiers evaluated in {run.DurationMs / 1000.0:F1} s ({run.Streams})"
            + (run.Error is null ? "" : $": {run.ErrorKind}: {run.Error}"));
        return run.Status == Outcomes.Failed ? 1 : 0;
    }

    private async Task<int> ResetAsync(bool confirmed, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<HubStorage>();
        if (!confirmed) throw new UsageException($"reset deletes everything under the storage prefix '{storage.Prefix}': add --yes.");
        await storage.DeleteAllAsync(cancellationToken);
        await errors.WriteLineAsync($"Deleted the tables and the raw-page container of prefix '{storage.Prefix}'.");
        return 0;
    }

    private async Task<int> RunsAsync(Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        var count = options.GetValueOrDefault("count") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
        foreach (var run in await services.GetRequiredService<Engine.Queries.RunQuery>().LatestAsync(count, null, cancellationToken))
        {
            await output.WriteLineAsync($"{run.Started:yyyy-MM-dd HH:mm:ss} {run.Source,-10} {run.Status,-9} {run.Records,9} records {run.DurationMs / 1000.0,7:F1} s{(run.Quarantined > 0 ? $"  {run.Quarantined} quarantined" : "")}  {run.ErrorKind} {run.Error}");
        }
        return 0;
    }

    internal static string Iso(DateTimeOffset value) => value.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
