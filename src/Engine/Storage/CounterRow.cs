using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A row of the Counters table: one agency's sums in one month (<see cref="AgencyMonthCounters"/>).
/// PartitionKey the agency (escaped, <see cref="TableKeys"/>), RowKey the month ("yyyy-MM", or "all"
/// for the paid marks since the period start and the open findings by rule). The cells are JSON objects: <see cref="Kpis"/>
/// {kpi: [numerator, denominator]}, the activity {procedure: [paid, dossiers, online, resolved,
/// paid online]}, the latter split over <see cref="Activity"/>, <see cref="Activity2"/> and
/// <see cref="Activity3"/> when longer than a string property may be.
/// </summary>
public sealed class CounterRow : ITableEntity
{
    /// <summary>Table Storage's limit on a string property: 64 KiB, 32K UTF-16 characters.</summary>
    public const int MaxPropertyChars = 32 * 1024;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Agency { get; set; } = "";
    public string Month { get; set; } = "";
    public string Kpis { get; set; } = "{}";
    public string Activity { get; set; } = "{}";
    public string? Activity2 { get; set; }
    public string? Activity3 { get; set; }

    public static string PartitionOf(string agency) => TableKeys.Escape(agency);

    public static CounterRow From(string agency, string month, AgencyMonthCounters counters)
    {
        // Keys in ordinal order: the same sums always make the same row, whatever order they were added in.
        var kpis = JsonSerializer.Serialize(new SortedDictionary<string, long[]>(counters.Kpis, StringComparer.Ordinal));
        var activity = JsonSerializer.Serialize(new SortedDictionary<string, long[]>(counters.Activity, StringComparer.Ordinal));
        if (kpis.Length > MaxPropertyChars || activity.Length > 3 * MaxPropertyChars)
        {
            throw new InvalidOperationException($"The counters of agency {agency} in {month} outgrow a table row ({counters.Activity.Count} procedures).");
        }
        string? Part(int index) => activity.Length > index * MaxPropertyChars
            ? activity.Substring(index * MaxPropertyChars, Math.Min(MaxPropertyChars, activity.Length - index * MaxPropertyChars))
            : null;
        return new CounterRow
        {
            PartitionKey = PartitionOf(agency), RowKey = month, Agency = agency, Month = month, Kpis = kpis,
            Activity = Part(0) ?? "{}", Activity2 = Part(1), Activity3 = Part(2),
        };
    }

    public AgencyMonthCounters ToCounters()
    {
        var counters = new AgencyMonthCounters();
        foreach (var (kpi, cell) in JsonSerializer.Deserialize<Dictionary<string, long[]>>(Kpis) ?? []) counters.Kpis[kpi] = cell;
        var activity = Activity + Activity2 + Activity3;
        foreach (var (code, slots) in JsonSerializer.Deserialize<Dictionary<string, long[]>>(activity) ?? []) counters.Activity[code] = slots;
        return counters;
    }
}
