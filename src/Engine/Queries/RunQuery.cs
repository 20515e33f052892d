using System.Text.Json;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Queries;

/// <summary>Sync and reconciliation runs as ICT staff read them (the admin API, <c>hub runs</c>, the dashboard's run history).</summary>
public sealed class RunQuery(RunStore runs)
{
    /// <summary>The latest runs, newest first, of every source or of one.</summary>
    public async Task<IReadOnlyList<RunView>> LatestAsync(int count, string? source, CancellationToken cancellationToken) =>
        (await runs.LatestAsync(count, cancellationToken, source)).Select(View).ToList();

    public async Task<RunView?> GetAsync(string id, CancellationToken cancellationToken) =>
        await runs.GetAsync(id, cancellationToken) is { } run ? View(run) : null;

    private static RunView View(RunRecord r) => new(
        r.Id, r.Source, r.Status, r.Started, r.Ended, r.Records, r.Pages, r.Retries, r.Quarantined, r.DurationMs, r.Worker, r.ErrorKind, r.Error,
        r.WindowFrom, r.WindowTo, r.Streams is null ? null : JsonSerializer.Deserialize<JsonElement>(r.Streams));
}
