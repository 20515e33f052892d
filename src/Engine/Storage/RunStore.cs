using System.Text.Json;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>Run records, newest first (the row key is the inverted start time plus a random suffix).</summary>
public sealed class RunStore(HubStorage storage)
{
    private TableClient Table => storage.Table(HubStorage.Runs);

    /// <summary>
    /// A new run id, newest first. Ordered by the machine's clock, not the business clock: runs are
    /// operational events, and a pinned rehearsal clock must not shuffle them.
    /// </summary>
    public static string NewId()
    {
        var ticks = TimeProvider.System.GetUtcNow().UtcTicks;
        lock (IdGate)
        {
            // Strictly decreasing even for two runs started in the same tick.
            lastTicks = ticks = Math.Max(ticks, lastTicks + 1);
        }
        return (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 4).ToLowerInvariant();
    }

    private static readonly Lock IdGate = new();
    private static long lastTicks;

    public Task SaveAsync(RunRecord run, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(run, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Ends a run that did not run to its end (not started, abandoned, failed outside its own code), with the reason.</summary>
    public async Task EndAsync(RunRecord run, string status, string reason, DateTimeOffset now, CancellationToken cancellationToken, string? errorKind = null)
    {
        run.Status = status;
        run.Ended = now;
        run.ErrorKind = errorKind ?? status;
        run.Error = reason;
        await SaveAsync(run, cancellationToken);
    }

    /// <summary>
    /// Marks a run Abandoned if it is still Running or Queued: its worker died, and run
    /// <paramref name="by"/> took its lapsed lease over. Conditional on the row's ETag: a run that
    /// ended meanwhile keeps its own outcome.
    /// </summary>
    public async Task MarkAbandonedAsync(string id, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await GetAsync(id, cancellationToken) is not { } run || Sync.Outcomes.IsEnded(run.Status)) return;
        run.Status = Sync.Outcomes.Abandoned;
        run.Ended = now;
        run.ErrorKind = Sync.Outcomes.Abandoned;
        run.Error = $"Its worker stopped renewing the lease (the process died or stalled); run {by} took over.";
        try
        {
            await Table.UpdateEntityAsync(run, run.ETag, TableUpdateMode.Replace, cancellationToken);
            Telemetry.HubMetrics.RunAbandoned(run.Source);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // It changed meanwhile: its own record wins.
        }
    }

    public async Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<RunRecord>("run", id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The latest runs, newest first: of every source, or of one (<paramref name="source"/>).</summary>
    public async Task<List<RunRecord>> LatestAsync(int count, CancellationToken cancellationToken, string? source = null)
    {
        var runs = new List<RunRecord>();
        var filter = source is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {"run"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {"run"} and Source eq {source}");
        await foreach (var run in Table.QueryAsync<RunRecord>(filter, maxPerPage: Math.Min(count, 1000), cancellationToken: cancellationToken))
        {
            runs.Add(run);
            if (runs.Count == count) break;
        }
        return runs;
    }

    public static string StreamsJson(IEnumerable<object> streams) => JsonSerializer.Serialize(streams, JsonSerializerOptions.Web);

    /// <summary>A reconciliation run's mode (Full, Incremental, Republish) from its Streams, or "" when it has none.</summary>
    public static string ModeOf(RunRecord run)
    {
        if (string.IsNullOrEmpty(run.Streams)) return "";
        using var streams = JsonDocument.Parse(run.Streams);
        return streams.RootElement.ValueKind == JsonValueKind.Array && streams.RootElement.GetArrayLength() > 0
            && streams.RootElement[0].TryGetProperty("mode", out var mode) ? mode.GetString() ?? "" : "";
    }
}
