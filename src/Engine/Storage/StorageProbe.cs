using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The raw floor of a storage account: the time to write N rows shaped like joined dossiers once,
/// in the dossiers' layout (one table per bucket, guarded batches per partition, the sync's flush
/// size and write parallelism), into scratch tables that are deleted afterwards. What a sync and
/// reconciliation of N dossiers costs can be read against it.
/// </summary>
public sealed class StorageProbe(HubStorage storage, IOptions<SyncOptions> options)
{
    /// <summary>Scratch tables: <c>{prefix}Probe{bucket}</c>.</summary>
    public const string TablePrefix = "Probe";

    public async Task<TimeSpan> WriteOnceAsync(int rows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var partitions = DossierRows.AllPartitions().ToList();
        TableClient TableOf(string partition) => storage.Table(TablePrefix + partition);
        foreach (var partition in partitions) await TableOf(partition).CreateIfNotExistsAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            var chunk = new List<TableTransactionAction>(options.Value.FlushSize);
            for (var i = 0; i < rows; i++)
            {
                chunk.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, Row(i)));
                if (chunk.Count == options.Value.FlushSize || i == rows - 1)
                {
                    await Batches.SubmitAsync(TableOf, chunk, options.Value.WriteParallelism, cancellationToken);
                    chunk.Clear();
                }
            }
            return watch.Elapsed;
        }
        finally
        {
            foreach (var partition in partitions) await TableOf(partition).DeleteAsync(CancellationToken.None);
        }
    }

    /// <summary>A joined, evaluated dossier row: both records, a payment, an evaluation, of typical sizes.</summary>
    private static TableEntity Row(int i)
    {
        var code = "G22." + i.ToString("D9", CultureInfo.InvariantCulture);
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i % 500_000);
        var procedure = "1.00" + (i % 9973).ToString("D4", CultureInfo.InvariantCulture);
        const string agency = "000.00.01.H38";
        return new TableEntity(DossierRows.PartitionOf(code), code)
        {
            [DossierRows.ProvinceColumn] = RecordText.Write(new ProvinceRecord(procedure, agency, 2, false, at, at.AddDays(5), at.AddDays(4),
                at.AddDays(4), at.AddDays(4), 4, 50_000, "Online", "PR" + i.ToString(CultureInfo.InvariantCulture), true, true, false, at.AddHours(1), 5, at.AddDays(4))),
            [DossierRows.PortalColumn] = RecordText.Write(new PortalRecord(procedure, agency, 2, at, at.AddDays(5), at.AddDays(4), 4, at.AddDays(4))),
            [DossierFeedRows.TxColumn("GD" + i.ToString(CultureInfo.InvariantCulture))] = "GD" + i.ToString(CultureInfo.InvariantCulture) + "\u001f" + procedure + "\u001f" + agency + "\u001f50000\u001f0\u001f" + at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            [DossierRows.FindingsColumn] = "",
            [DossierRows.ContributionsColumn] = agency + "\t2025-01\tN:" + procedure + "\t1\n" + agency + "\t2025-01\ton_time_rate\t1\n" + agency + "\t2025-01\tS:" + procedure + "\t1",
            [DossierRows.NextCheckColumn] = DossierRows.NoNextCheck,
        };
    }
}
