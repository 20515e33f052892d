using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using IntegrationHub.Engine.Sync;
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

    /// <summary>About the columns and sizes of a joined, evaluated dossier row.</summary>
    private static TableEntity Row(int i)
    {
        var code = "G22." + i.ToString("D9", CultureInfo.InvariantCulture);
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i % 500_000);
        var row = new TableEntity(DossierRows.PartitionOf(code), code);
        string[] texts = ["P_Procedure", "P_Agency", "P_PayMethod", "P_PayRef", "Q_Procedure", "Q_Agency", "E_Findings", "E_Contrib"];
        string[] times = ["P_Received", "P_Due", "P_Result", "P_Returned", "P_Updated", "Q_Received", "Q_Due", "Q_Updated", "E_Next"];
        string[] numbers = ["P_Channel", "P_Status", "P_Fee", "P_Rating", "Q_Channel", "Q_Status"];
        string[] flags = ["P_ByStaff", "P_DigIn", "P_DigOut", "P_Apology"];
        foreach (var name in texts) row[name] = name + "-" + (i % 9973).ToString(CultureInfo.InvariantCulture) + "-000.00.01.H38";
        foreach (var name in times) row[name] = at;
        foreach (var name in numbers) row[name] = i % 7;
        foreach (var name in flags) row[name] = i % 2 == 0;
        return row;
    }
}
