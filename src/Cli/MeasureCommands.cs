using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cli;

/// <summary>Commands that measure or dump what the hub holds: the KPI export, row counts and dumps, the storage probe.</summary>
public sealed class MeasureCommands(IServiceProvider services, TextWriter output, TextWriter errors)
{
    /// <summary>Every KPI row, one JSON object a line: scope, period, kpi, numerator, denominator, value, target, met.</summary>
    public async Task<int> ExportKpisAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var k in services.GetRequiredService<KpiStore>().ReadAllAsync(cancellationToken))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                scope = k.Scope, period = k.Period, kpi = k.Kpi, numerator = (long?)k.Numerator, denominator = k.Denominator,
                value = k.Value, target = k.Target, met = k.Met,
            }));
            count++;
        }
        await errors.WriteLineAsync($"{count} KPI rows exported.");
        return 0;
    }

    /// <summary>Rows per table of this prefix (each table scanned, keys only): where the stored volume is.</summary>
    public async Task<int> CountRowsAsync(CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<HubStorage>();
        var dossiers = 0L;
        foreach (var name in HubStorage.AllTables)
        {
            var rows = 0L;
            await foreach (var _ in storage.Table(name).QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000, cancellationToken: cancellationToken)) rows++;
            if (name.StartsWith(HubStorage.Dossiers, StringComparison.Ordinal)) dossiers += rows;
            else await output.WriteLineAsync($"{name,-24} {rows,10}");
        }
        await output.WriteLineAsync($"{HubStorage.Dossiers + " (all buckets)",-24} {dossiers,10}");
        return 0;
    }

    /// <summary>
    /// Every dossier row of every bucket, one line each (bucket, code, then every column as name=value
    /// in name order; instants as UTC ticks; no timestamps or ETags), in key order: two hubs that hold
    /// the same dossier state print the same text (<c>eng/faults</c> compares them).
    /// </summary>
    public async Task<int> DumpDossiersAsync(CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<HubStorage>();
        foreach (var partition in DossierRows.AllPartitions())
        {
            var lines = new List<string>();
            await foreach (var row in storage.DossierTable(partition).QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                var columns = row.Where(c => c.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && c.Value is not null)
                    .OrderBy(c => c.Key, StringComparer.Ordinal)
                    .Select(c => c.Key + "=" + (c.Value is DateTimeOffset d ? d.UtcTicks.ToString(CultureInfo.InvariantCulture) : Convert.ToString(c.Value, CultureInfo.InvariantCulture)));
                lines.Add(partition + "\t" + row.RowKey + "\t" + string.Join(";", columns));
            }
            lines.Sort(StringComparer.Ordinal);
            foreach (var line in lines) await output.WriteLineAsync(line);
        }
        return 0;
    }

    /// <summary>Writes N dossier-shaped rows once into scratch tables and prints the time and rate.</summary>
    public async Task<int> ProbeStorageAsync(string? rowsText, CancellationToken cancellationToken)
    {
        if (!int.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows is < 1 or > 10_000_000)
        {
            throw new UsageException("--rows takes a number of rows from 1 to 10000000.");
        }
        var took = await services.GetRequiredService<StorageProbe>().WriteOnceAsync(rows, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {rows} rows once in {took.TotalSeconds:F1} s ({rows / took.TotalSeconds:F0} rows/s)"));
        return 0;
    }
}
