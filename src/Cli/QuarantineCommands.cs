using System.Globalization;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cli;

/// <summary>hub quarantine list|show|retry: upstream records the hub could not store, kept with their reasons.</summary>
public sealed class QuarantineCommands(IServiceProvider services, TextWriter output, TextWriter errors)
{
    private QuarantineStore Store => services.GetRequiredService<QuarantineStore>();

    public async Task<int> ListAsync(Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        var max = 50;
        if (options.TryGetValue("count", out var count) && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 10_000))
        {
            throw new UsageException($"--count '{count}' is not a number from 1 to 10000.");
        }
        var status = options.GetValueOrDefault("status");
        if (status is not null and not (QuarantineRow.Held or QuarantineRow.Retried or QuarantineRow.Superseded))
        {
            throw new UsageException($"--status '{status}': use {QuarantineRow.Held}, {QuarantineRow.Retried} or {QuarantineRow.Superseded}.");
        }
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        var rows = await Store.ListAsync(options.GetValueOrDefault("stream"), options.GetValueOrDefault("run"), status, max, cancellationToken);
        foreach (var r in rows)
        {
            await output.WriteLineAsync($"{r.Id}  {Commands.Iso(r.At)}  {r.Status,-10} {r.RecordKey ?? "-",-24} {r.Reason}");
        }
        if (rows.Count == 0) await errors.WriteLineAsync("No quarantined records.");
        return 0;
    }

    public async Task<int> ShowAsync(string id, CancellationToken cancellationToken)
    {
        var (stream, rowKey) = Split(id);
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        var row = await Store.GetAsync(stream, rowKey, cancellationToken);
        if (row is null)
        {
            await errors.WriteLineAsync($"No quarantined record {id}.");
            return 1;
        }
        await errors.WriteLineAsync($"{row.Id}: {row.Status}, quarantined {Commands.Iso(row.At)} by run {row.Run}: {row.Reason}");
        await output.WriteLineAsync(await Store.ReadJsonAsync(row, cancellationToken));
        return 0;
    }

    public async Task<int> RetryAsync(string id, CancellationToken cancellationToken)
    {
        var (stream, rowKey) = Split(id);
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        var result = await services.GetRequiredService<QuarantineRetry>().RetryAsync(stream, rowKey, cancellationToken);
        var ok = result.Outcome is QuarantineRetryOutcome.Stored or QuarantineRetryOutcome.Superseded;
        await (ok ? output : errors).WriteLineAsync($"{result.Outcome}: {result.Message}");
        return ok ? 0 : 1;
    }

    /// <summary>An id as listed: stream/run|sequence.</summary>
    private static (string Stream, string RowKey) Split(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == id.Length - 1) throw new UsageException($"'{id}' is not a quarantine id (stream/run|n, as `hub quarantine list` shows it).");
        return (id[..slash], id[(slash + 1)..]);
    }
}
