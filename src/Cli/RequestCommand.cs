using System.Diagnostics;
using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cli;

/// <summary>
/// <c>hub request</c>: asks for a run through the run queue, exactly as <c>POST /api/sync</c> and the
/// timers do, for the hub's workers to execute (the Function App, or local hosts: <c>./hub up</c>),
/// then follows its runs until they end.
/// </summary>
public sealed class RequestCommand(IServiceProvider services, TextWriter output, TextWriter errors)
{
    /// <summary>How often the runs' records are read while waiting.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(IReadOnlyList<string> sources, Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        var window = WindowArgument.Parse(options);
        RunRequestOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<RunRequests>().RequestAsync(sources, window, options.ContainsKey("accept-shrink"),
                reconcileAfter: !options.ContainsKey("no-reconcile"), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
        if (!outcome.Accepted)
        {
            await output.WriteLineAsync($"busy: run {outcome.BusyRunId} of {outcome.BusySource} is queued or running");
            return 3;
        }
        foreach (var run in outcome.Runs) await errors.WriteLineAsync($"{run.Source,-10} queued    run {run.Id}");
        if (options.ContainsKey("no-wait")) return 0;

        var store = services.GetRequiredService<RunStore>();
        var watch = Stopwatch.StartNew();
        var ended = new Dictionary<string, RunRecord>();
        while (ended.Count < outcome.Runs.Count)
        {
            await Task.Delay(Poll, cancellationToken);
            foreach (var run in outcome.Runs.Where(r => !ended.ContainsKey(r.Id)))
            {
                if (await store.GetAsync(run.Id, cancellationToken) is { } now && Outcomes.IsEnded(now.Status))
                {
                    ended[run.Id] = now;
                    var counted = now.Source == Sources.Reconcile ? "dossiers evaluated" : "records";
                    await output.WriteLineAsync($"{now.Source,-10} {now.Status,-9} {now.Records,9} {counted} {now.DurationMs / 1000.0,7:F1} s  run {now.Id} on {now.Worker ?? "-"}"
                        + (now.Error is null ? "" : $"\n{"",-10} {now.ErrorKind}: {now.Error}"));
                }
            }
        }
        await errors.WriteLineAsync($"all runs ended after {watch.Elapsed.TotalSeconds:F1} s");
        return ended.Values.Any(r => r.Status is Outcomes.Failed or Outcomes.Abandoned) ? 1 : 0;
    }
}
