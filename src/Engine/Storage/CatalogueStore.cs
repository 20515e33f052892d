using System.Text.Json;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The Catalogue table: small reference data kept whole (agencies, procedures, the portal's
/// catalogue, LGSP applications, data services and monitoring), one partition per kind, written as
/// a snapshot: only rows that changed are written, rows that disappeared are deleted.
/// </summary>
public sealed class CatalogueStore(HubStorage storage)
{
    public const string Agencies = "agency";
    public const string Procedures = "procedure";
    public const string PortalProcedures = "tthc";
    public const string Applications = "app";
    public const string Services = "service";
    public const string Monitoring = "monitoring";
    /// <summary>Each procedure's flag history (<see cref="ProcedureFlagsRow"/>), kept by the sync, never replaced by a snapshot.</summary>
    public const string ProcedureFlags = "procflags";
    private const string CatalogueFindingsPartition = "eval-findings";

    private TableClient Table => storage.Table(HubStorage.Catalogue);

    /// <summary>The catalogue and LGSP findings open now (partition "eval-findings"), by finding.</summary>
    public async Task<Dictionary<FindingKey, TableEntity>> ReadCatalogueFindingsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(CatalogueFindingsPartition, cancellationToken))
            .ToDictionary(r => new FindingKey(r.GetString("Rule"), r.GetString("Agency"), r.GetString("Subject")), r => r);

    public static TableEntity CatalogueFindingRow(FindingKey key) =>
        new(CatalogueFindingsPartition, FindingEntity.RowKeyOf(key.Rule, key.Agency + "|" + key.Subject))
        {
            ["Rule"] = key.Rule, ["Agency"] = key.Agency, ["Subject"] = key.Subject,
        };

    /// <summary>Writes rows of this table as guarded batches.</summary>
    public Task SubmitAsync(IEnumerable<TableTransactionAction> actions, int parallelism, CancellationToken cancellationToken) =>
        Batches.SubmitAsync(Table, actions, parallelism, cancellationToken);

    public async Task<List<TableEntity>> ReadAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Makes the partition equal to <paramref name="fresh"/>. Returns the keys whose
    /// <paramref name="material"/> columns changed (added and removed rows included). With
    /// <paramref name="maxShrink"/>, a list lacking more than that share of the stored rows is not
    /// applied (<see cref="SnapshotShrinkException"/>); null applies any list (the hub's own rows).
    /// Without <paramref name="deleteMissing"/> (a list known to be incomplete) rows are only added and updated.
    /// </summary>
    public async Task<(int Written, IReadOnlyList<string> MateriallyChanged)> WriteSnapshotAsync(
        string partition, IReadOnlyCollection<TableEntity> fresh, IReadOnlyCollection<string> material, double? maxShrink, int parallelism, CancellationToken cancellationToken,
        bool deleteMissing = true)
    {
        var existing = (await ReadAsync(partition, cancellationToken)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        if (maxShrink is { } share && deleteMissing)
        {
            var listed = fresh.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            var missing = existing.Keys.Count(k => !listed.Contains(k));
            if (SnapshotShrinkException.Shrinks(existing.Count, missing, share)) throw new SnapshotShrinkException(partition, existing.Count, missing, share);
        }
        var actions = new List<TableTransactionAction>();
        var changed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in fresh)
        {
            if (!seen.Add(row.RowKey)) continue;
            existing.TryGetValue(row.RowKey, out var old);
            if (old is not null && SameValues(old, row)) continue;
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            if (old is null || material.Any(m => !Equals(Normalise(Value(old, m)), Normalise(Value(row, m))))) changed.Add(row.RowKey);
        }
        foreach (var gone in existing.Keys.Where(k => deleteMissing && !seen.Contains(k)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, existing[gone], existing[gone].ETag));
            changed.Add(gone);
        }
        if (actions.Count > 0) await Batches.SubmitAsync(Table, actions, parallelism, cancellationToken);
        return (actions.Count, changed);
    }

    private static object? Value(TableEntity row, string column) => row.TryGetValue(column, out var value) ? value : null;

    private static bool SameValues(TableEntity stored, TableEntity fresh)
    {
        var keys = fresh.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToList();
        var storedKeys = stored.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToList();
        return keys.Count == storedKeys.Count && keys.All(k => stored.ContainsKey(k) && Equals(Normalise(stored[k]), Normalise(fresh[k])));
    }

    // Table Storage hands back DateTimeOffset in UTC and Int32 where Int64 was written for small
    // numbers only if typed so; compare on a common form.
    private static object? Normalise(object? value) => value switch
    {
        DateTimeOffset d => d.UtcTicks,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)).UtcTicks,
        int i => (long)i,
        _ => value,
    };

    /// <summary>
    /// Records the flags the case system lists procedures with: a procedure's history grows only when
    /// its flags differ from the last recorded (<see cref="FlagHistory.Next"/>). Returns how many changed.
    /// </summary>
    public async Task<int> RecordProcedureFlagsAsync(
        IEnumerable<(string Code, bool FullOnline, bool OnlinePayment, DateTimeOffset UpdatedAt)> listed, DateTimeOffset now, int parallelism, CancellationToken cancellationToken)
    {
        var histories = await ReadFlagHistoriesAsync(cancellationToken);
        var actions = new List<TableTransactionAction>();
        foreach (var (code, fullOnline, onlinePayment, updatedAt) in listed.DistinctBy(p => p.Code))
        {
            if (FlagHistory.Next(histories.GetValueOrDefault(code) ?? [], fullOnline, onlinePayment, updatedAt, now) is not { } next) continue;
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ProcedureFlagsRow.From(code, next)));
        }
        if (actions.Count > 0) await Batches.SubmitAsync(Table, actions, parallelism, cancellationToken);
        return actions.Count;
    }

    private async Task<Dictionary<string, IReadOnlyList<ProcedureFlags>>> ReadFlagHistoriesAsync(CancellationToken cancellationToken)
    {
        var histories = new Dictionary<string, IReadOnlyList<ProcedureFlags>>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<ProcedureFlagsRow>(r => r.PartitionKey == ProcedureFlags, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            histories[row.Procedure] = row.ToHistory();
        }
        return histories;
    }

    /// <summary>Reads what reconciliation needs of the catalogue and LGSP.</summary>
    public async Task<(CatalogueState State, IReadOnlyDictionary<string, string> Levels)> LoadAsync(
        IReadOnlySet<string> proceduresPaidInPeriod, CancellationToken cancellationToken)
    {
        var levels = (await ReadAsync(Agencies, cancellationToken)).ToDictionary(r => r.RowKey, r => r.GetString("Level") ?? "Unknown", StringComparer.Ordinal);
        var histories = await ReadFlagHistoriesAsync(cancellationToken);
        var procedures = (await ReadAsync(Procedures, cancellationToken)).Select(r => CatalogueRows.WithSetup(new ProcedureFacts(r.RowKey, r.GetString("Lead") ?? "",
            r.GetBoolean("FullOnline") ?? false, r.GetBoolean("OnlinePayment") ?? false, r.GetBoolean("Vertical") ?? false)
        {
            History = histories.GetValueOrDefault(r.RowKey) ?? [],
        }, r)).ToList();
        var portal = (await ReadAsync(PortalProcedures, cancellationToken)).ToDictionary(r => r.RowKey, CatalogueRows.ReadPortalFacts, StringComparer.Ordinal);
        var apps = (await ReadAsync(Applications, cancellationToken)).Select(r => new ApplicationFacts(r.RowKey, r.GetString("Agency") ?? "",
            r.GetBoolean("SharesData") ?? false, r.GetBoolean("Connected") ?? false)).ToList();
        var traffic = (await ReadAsync(Monitoring, cancellationToken))
            .GroupBy(r => r.GetString("Service") ?? "")
            .ToDictionary(g => g.Key, g => (Requests: g.Sum(r => r.GetInt64("Requests") ?? 0), Failures: g.Sum(r => r.GetInt64("Failures") ?? 0)));
        var services = (await ReadAsync(Services, cancellationToken)).Select(r =>
        {
            var t = traffic.GetValueOrDefault(r.RowKey);
            return new DataServiceFacts(r.RowKey, r.GetString("Owner") ?? "", r.GetString("Origin") == "NDXP", r.GetString("Status") ?? "", t.Requests, t.Failures)
            {
                TrafficKnown = traffic.Count > 0,
            };
        }).ToList();
        return (new CatalogueState(procedures, portal, proceduresPaidInPeriod, apps, services), levels);
    }

    /// <summary>The agencies, effective-dated (the API's hierarchy of who may read whom).</summary>
    public async Task<Dictionary<string, AgencyEntry>> ReadAgenciesAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(Agencies, cancellationToken)).Select(CatalogueRows.ReadAgency).ToDictionary(a => a.Code, StringComparer.Ordinal);

    public async Task<List<ApplicationRow>> ReadApplicationsAsync(CancellationToken cancellationToken) =>
        [.. (await ReadAsync(Applications, cancellationToken)).Select(CatalogueRows.ReadApplication)];

    /// <summary>The data services, each with its traffic over the monitoring window.</summary>
    public async Task<List<ServiceRow>> ReadServicesAsync(CancellationToken cancellationToken)
    {
        var traffic = CatalogueRows.Traffic(await ReadAsync(Monitoring, cancellationToken));
        return [.. (await ReadAsync(Services, cancellationToken)).Select(r => CatalogueRows.ReadService(r, traffic))];
    }

    /// <summary>The procedures, each with whether the portal lists it eligible for full-online.</summary>
    public async Task<List<ProcedureEntry>> ReadProceduresAsync(CancellationToken cancellationToken)
    {
        var eligible = (await ReadAsync(PortalProcedures, cancellationToken)).ToDictionary(r => r.RowKey, CatalogueRows.EligibleFullOnline, StringComparer.Ordinal);
        return [.. (await ReadAsync(Procedures, cancellationToken)).Select(r => CatalogueRows.ReadProcedure(r, eligible.GetValueOrDefault(r.RowKey)))];
    }

    /// <summary>Each procedure's processing time in working days.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ReadProcessingDaysAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(Procedures, cancellationToken)).ToDictionary(r => r.RowKey, CatalogueRows.ProcessingDays, StringComparer.Ordinal);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
