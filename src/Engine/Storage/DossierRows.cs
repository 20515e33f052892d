using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The Dossiers tables: one row per dossier code, PartitionKey a stable hash bucket of the code
/// (each bucket in a table of its own, <see cref="HubStorage.DossierTable"/>) so that every source
/// can write its columns with a blind merge (no read), and so that a page of any source spreads over
/// a few dozen partitions for batching. Columns: P the province's record and Q the portal's, each
/// one compact text (<see cref="RecordText"/>) (a row of few columns costs the emulator far less to write and read than one of
/// thirty, and a record replaced whole takes upstream corrections that clear a field), T_* one per
/// payment transaction (what each feed writes: <see cref="DossierFeedRows"/>), E_* the last evaluation, D set by a sync's merge until the row is evaluated
/// again. E_Due says when a grace period ends (<see cref="ToEvaluateFilter"/>). Keys starting
/// with "~" are reserved: earlier versions kept marker rows there, which a full reconciliation deletes.
/// </summary>
public static class DossierRows
{
    public const int Buckets = 64;
    /// <summary>The case system's record of the dossier (<see cref="ProvinceRecord"/>, <see cref="RecordText"/>).</summary>
    public const string ProvinceColumn = "P";
    /// <summary>The portal's record of the dossier (<see cref="PortalRecord"/>, <see cref="RecordText"/>).</summary>
    public const string PortalColumn = "Q";
    /// <summary>The last evaluation: its findings, its KPI contributions, and when it is due again.</summary>
    public const string FindingsColumn = "E_Findings", ContributionsColumn = "E_Contrib", NextCheckColumn = "E_Due";
    /// <summary>The fingerprint of the dossier's OpenDossiers row, absent or "" when it has none (<see cref="OpenDossierRow.Fingerprint"/>).</summary>
    public const string OpenColumn = "E_Open";
    /// <summary>
    /// True from a sync's merge of new data until the reconciliation has evaluated the row. A column,
    /// not a marker row: the sync writes one entity per dossier, and the reconciliation finds the
    /// changed rows of a bucket, whole, with one query instead of a read per dossier.
    /// </summary>
    public const string ChangedColumn = "D";
    /// <summary>The prefix of a payment transaction's column (<see cref="DossierFeedRows.TxColumn"/>).</summary>
    internal const string TxPrefix = "T_";

    /// <summary>The dossier's bucket by a hash of its code (<see cref="TableKeys.Hash"/>).</summary>
    public static string PartitionOf(string code) => "b" + (TableKeys.Hash(code) % Buckets).ToString("D2", CultureInfo.InvariantCulture);

    public static IEnumerable<string> AllPartitions() => Enumerable.Range(0, Buckets).Select(b => "b" + b.ToString("D2", CultureInfo.InvariantCulture));

    public static bool IsMarker(string rowKey) => rowKey.StartsWith('~');

    /// <summary>Whether a sync merged data into the row since it was last evaluated.</summary>
    public static bool IsChanged(TableEntity row) => row.GetBoolean(ChangedColumn) == true;

    /// <summary>Marks a row as merged by a sync, to be evaluated by the next reconciliation.</summary>
    public static TableEntity MarkedChanged(TableEntity row)
    {
        row[ChangedColumn] = true;
        return row;
    }

    /// <summary>
    /// The write of an evaluated row (its evaluation, and any staged records): it clears the changed
    /// mark, so it is conditional on the row being as read (<paramref name="readAs"/>: its ETag) or,
    /// for a row that was not stored, still absent. <see cref="SubmitEvaluatedAsync"/> handles a conflict.
    /// </summary>
    public static TableTransactionAction Evaluated(TableEntity row, ETag? readAs)
    {
        row[ChangedColumn] = false;
        return readAs is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    /// <summary>
    /// Submits evaluated rows (<see cref="Evaluated"/>) as guarded batches. A batch refused because a
    /// sync merged into one of its rows after it was read (412), or created it (409), is written
    /// again unconditionally with the rows still marked changed: the evaluation is stored (the
    /// counters moved by it stay right) and the next reconciliation evaluates the new data.
    /// </summary>
    public static async Task SubmitEvaluatedAsync(TableClient table, IEnumerable<TableTransactionAction> actions, int parallelism, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Batches.Split(actions), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                Batches.Guard(batch);
                try
                {
                    await table.SubmitTransactionAsync(batch, ct);
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
                {
                    var again = batch.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertMerge, MarkedChanged((TableEntity)a.Entity))).ToList();
                    await table.SubmitTransactionAsync(again, ct);
                }
            });
    }

    /// <summary>
    /// The rows of a bucket to evaluate: those a sync changed since their last evaluation, and those
    /// whose next check (a grace period's end, <see cref="NextCheckColumn"/>) has come. One query
    /// reads them whole; on Table Storage as on the emulator it scans the bucket's partition once.
    /// The next check is compared as text: the emulator parses both sides of a datetime comparison
    /// into dates for every row it scans, which made this filter cost twice as much at a million rows.
    /// </summary>
    public static string ToEvaluateFilter(string partition, DateTimeOffset now) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" + ChangedColumn + " eq true or "
        + NextCheckColumn + " le " + TableClient.CreateQueryFilter($"{DueText(now)}") + ")";

    /// <summary>
    /// A next check as stored: the UTC instant in round-trip form, fixed width, so that text order is
    /// time order; <see cref="NoNextCheck"/> (after every digit) when there is none.
    /// </summary>
    public static string DueText(DateTimeOffset? next) =>
        next is { } at ? at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : NoNextCheck;

    /// <summary>
    /// Adds the evaluation's columns to <paramref name="row"/> if it differs from the one stored with
    /// the dossier; returns whether it did.
    /// </summary>
    public static bool WithEvaluation(TableEntity row, DossierState dossier, Reconciliation.Evaluation evaluation)
    {
        var findingsText = evaluation.FindingsText;
        var contributionsText = evaluation.ContributionsText;
        var open = OpenDossierRow.Fingerprint(evaluation.Open);
        if (findingsText == (dossier.LastFindings ?? "") && contributionsText == (dossier.LastContributions ?? "") && evaluation.NextCheck == dossier.NextCheck
            && open == dossier.ListedOpen)
        {
            return false;
        }
        row[FindingsColumn] = findingsText;
        row[ContributionsColumn] = contributionsText;
        row[NextCheckColumn] = DueText(evaluation.NextCheck);
        row[OpenColumn] = open;
        return true;
    }

    /// <summary>"No next check": a merge cannot remove a column, and "~" sorts after every instant.</summary>
    public const string NoNextCheck = "~";

    private static DateTimeOffset? ReadDue(string? text) =>
        text is null or NoNextCheck ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DossierState Read(TableEntity row)
    {
        var province = row.GetString(ProvinceColumn) is { } p ? RecordText.ReadProvince(p) : null;
        var portal = row.GetString(PortalColumn) is { } q ? RecordText.ReadPortal(q) : null;
        var payments = new List<PaymentRecord>();
        foreach (var (key, value) in row)
        {
            if (!key.StartsWith(TxPrefix, StringComparison.Ordinal) || value is not string text) continue;
            var parts = text.Split('\u001f');
            if (parts.Length != 6) continue;
            payments.Add(new PaymentRecord(parts[0], row.RowKey, parts[1], parts[2],
                long.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(parts[4], CultureInfo.InvariantCulture),
                new DateTimeOffset(long.Parse(parts[5], CultureInfo.InvariantCulture), TimeSpan.Zero)));
        }
        payments.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new DossierState(row.RowKey, province, portal, payments,
            row.GetString(FindingsColumn), row.GetString(ContributionsColumn), ReadDue(row.GetString(NextCheckColumn))) { Feedback = FeedbackRows.Read(row), ListedOpen = row.GetString(OpenColumn) ?? "" };
    }
}
