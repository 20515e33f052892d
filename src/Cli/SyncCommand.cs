using System.Globalization;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Cli;

/// <summary>
/// <c>hub sync</c>: syncs sources in this process under the same leases as the workers, showing
/// progress (<see cref="ConsoleProgress"/>), then reconciles; a source a queued request holds is left to it.
/// </summary>
public sealed class SyncCommand(IServiceProvider services, TextWriter output, TextWriter errors)
{
    public async Task<int> RunAsync(List<string> rest, Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        var which = rest.Count == 0 ? "all" : rest[0];
        if (rest.Count > 1 || (which != "all" && !Sources.IsKnown(which)))
        {
            throw new UsageException($"Unknown source '{string.Join(' ', rest)}': use all, {string.Join(", ", Sources.All)}.");
        }
        var window = WindowArgument.Parse(options);
        var sources = which == "all" ? Sources.All : [which];
        // Missing settings are named now, not discovered by the first failing call.
        foreach (var source in sources)
        {
            _ = source switch
            {
                Sources.Motcua => (object)services.GetRequiredService<IOptions<MotcuaOptions>>().Value,
                Sources.Portal => services.GetRequiredService<IOptions<PortalOptions>>().Value,
                _ => services.GetRequiredService<IOptions<LgspOptions>>().Value,
            };
        }
        LeaseWait? wait = null;
        if (options.TryGetValue("wait", out var waitText))
        {
            if (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 86_400)
            {
                throw new UsageException($"--wait '{waitText}' is not a number of seconds (0 to 86400).");
            }
            wait = new LeaseWait(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(2), message => errors.WriteLine(message));
        }
        var progress = new ConsoleProgress(errors);
        HubRunResult result;
        try
        {
            result = await services.GetRequiredService<HubRunner>()
                .SyncAsync(sources, window, progress, cancellationToken, reconcileAfter: !options.ContainsKey("no-reconcile"), wait,
                    acceptShrink: options.ContainsKey("accept-shrink"));
        }
        catch (ArgumentException ex) when (window is not null)
        {
            // The runner refuses a window it may not run (SyncWindow.Refusal), before anything starts.
            throw new UsageException(ex.Message);
        }
        foreach (var (source, run) in result.Syncs)
        {
            await output.WriteLineAsync(run is null
                ? $"{source,-10} skipped: another run of this source is in progress"
                : $"{source,-10} {run.Status,-9} {run.Records,9} records {run.Pages,6} pages {run.Retries,4} retries{(run.Quarantined > 0 ? $" {run.Quarantined} quarantined" : "")} {run.DurationMs / 1000.0,7:F1} s  run {run.Id} {run.StorageOperations} storage ops"
                  + (run.Error is null ? "" : $"\n{"",-10} {run.ErrorKind}: {run.Error}"));
        }
        if (result.Reconcile is { } r)
        {
            await output.WriteLineAsync($"{"reconcile",-10} {r.Status,-9} {r.Records,9} dossiers evaluated {r.DurationMs / 1000.0,7:F1} s  run {r.Id} {r.StorageOperations} storage ops {RunStore.ModeOf(r)}"
                + (r.Error is null ? "" : $"\n{"",-10} {r.ErrorKind}: {r.Error}"));
        }
        // Runs of several sources overlap in time, so their own counts overlap too: this is the process's total.
        await errors.WriteLineAsync($"storage operations in all: {services.GetRequiredService<HubStorage>().Operations}");
        if (result.Syncs.Any(s => s.Run is null)) return 3;
        return result.Syncs.All(s => s.Run!.Status != Outcomes.Failed) && result.Reconcile?.Status != Outcomes.Failed ? 0 : 1;
    }
}
