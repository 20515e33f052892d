using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;

namespace IntegrationHub.Engine.Storage;

/// <summary>The province's record of a dossier, as the hub keeps it.</summary>
public sealed record ProvinceRecord(
    string Procedure, string Agency, int Channel, bool ByStaff, DateTimeOffset Received, DateTimeOffset Due,
    DateTimeOffset? Result, DateTimeOffset? Returned, DateTimeOffset? Closed, int Status, long Fee, string PayMethod,
    string? PayRef, bool DigitisedInput, bool DigitisedResult, bool Apology, DateTimeOffset? Synced, int? Rating, DateTimeOffset Updated);

/// <summary>The portal's record of a dossier.</summary>
public sealed record PortalRecord(
    string Procedure, string Agency, int Channel, DateTimeOffset Received, DateTimeOffset Due, DateTimeOffset? Returned, int Status, DateTimeOffset Updated);

/// <summary>One payment-platform transaction.</summary>
public sealed record PaymentRecord(string Id, string Dossier, string Procedure, string Unit, long Amount, int Status, DateTimeOffset PaidAt)
{
    public bool Succeeded => Status == 0;
}

/// <summary>Everything the hub knows about one dossier code, joined from the three systems, plus its last evaluation.</summary>
public sealed record DossierState(
    string Code, ProvinceRecord? Province, PortalRecord? Portal, IReadOnlyList<PaymentRecord> Payments,
    string? LastFindings = null, string? LastContributions = null, DateTimeOffset? NextCheck = null);

/// <summary>
/// The Dossiers tables: one row per dossier code, PartitionKey a stable hash bucket of the code
/// (each bucket in a table of its own, <see cref="HubStorage.DossierTable"/>) so that every source
/// can write its columns with a blind merge (no read), and so that a page of any source spreads over
/// a few dozen partitions for batching. Columns: P_* from the province, Q_* from
/// the portal, T_* one per payment transaction, E_* the last evaluation. Marker rows in the same
/// partition ("~chg|code", "~due|ticks|code") tell the reconciliation what to look at.
/// </summary>
public static class DossierRows
{
    public const int Buckets = 64;
    public const string ChangeMarker = "~chg|";
    public const string DueMarker = "~due|";
    private const string TxPrefix = "T_";

    /// <summary>FNV-1a of the code, so the bucket is the same in every process and version.</summary>
    public static string PartitionOf(string code)
    {
        var hash = 2166136261u;
        foreach (var c in code)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return "b" + (hash % Buckets).ToString("D2", CultureInfo.InvariantCulture);
    }

    public static IEnumerable<string> AllPartitions() => Enumerable.Range(0, Buckets).Select(b => "b" + b.ToString("D2", CultureInfo.InvariantCulture));

    public static bool IsMarker(string rowKey) => rowKey.StartsWith('~');

    public static TableEntity ChangeMarkerFor(string code) => new(PartitionOf(code), ChangeMarker + code);

    public static TableEntity DueMarkerFor(string code, DateTimeOffset due) =>
        new(PartitionOf(code), DueMarker + due.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + code);

    /// <summary>The dossier code a marker row names.</summary>
    public static string CodeOfMarker(string rowKey) =>
        rowKey.StartsWith(DueMarker, StringComparison.Ordinal) ? rowKey[(DueMarker.Length + 20)..] : rowKey[ChangeMarker.Length..];

    public static int ChannelOf(Channel channel) => channel switch { Channel.InPerson => 1, Channel.Online => 2, _ => 3 };

    public static TableEntity FromProvince(Dossier d)
    {
        var row = new TableEntity(PartitionOf(d.Code), d.Code)
        {
            ["P_Procedure"] = d.ProcedureCode,
            ["P_Agency"] = d.AgencyCode,
            ["P_Channel"] = ChannelOf(d.Channel),
            ["P_ByStaff"] = d.SubmittedByStaff,
            ["P_Received"] = d.ReceivedAt,
            ["P_Due"] = d.DueAt,
            ["P_Status"] = d.Status,
            ["P_Fee"] = d.Fee,
            ["P_PayMethod"] = d.PaymentMethod.ToString(),
            ["P_DigIn"] = d.DigitisedInput,
            ["P_DigOut"] = d.DigitisedResult,
            ["P_Apology"] = d.ApologyLetterIssued,
            ["P_Updated"] = d.UpdatedAt,
        };
        // Optional values are written only once known: a merge leaves an absent column as it was,
        // and these only ever go from unknown to known.
        if (d.ResultIssuedAt is { } result) row["P_Result"] = result;
        if (d.ReturnedAt is { } returned) row["P_Returned"] = returned;
        if (d.WorkflowClosedAt is { } closed) row["P_Closed"] = closed;
        if (d.PaymentReference is { } reference) row["P_PayRef"] = reference;
        if (d.PortalSyncedAt is { } synced) row["P_Synced"] = synced;
        if (d.SatisfactionRating is { } rating) row["P_Rating"] = rating;
        return row;
    }

    public static TableEntity FromPortal(HoSo h)
    {
        if (!VietnamTime.TryParsePortal(h.NgayTiepNhan, out var received) || !VietnamTime.TryParsePortal(h.NgayHenTra, out var due)
            || !VietnamTime.TryParsePortal(h.NgayCapNhat, out var updated))
        {
            throw new FormatException($"Portal dossier {h.MaHoSo} has a date that is not yyyyMMddHHmmss.");
        }
        var row = new TableEntity(PartitionOf(h.MaHoSo), h.MaHoSo)
        {
            ["Q_Procedure"] = h.MaTTHC,
            ["Q_Agency"] = h.MaDonVi,
            ["Q_Channel"] = h.KenhThucHien,
            ["Q_Received"] = received,
            ["Q_Due"] = due,
            ["Q_Status"] = h.TrangThaiHoSo,
            ["Q_Updated"] = updated,
        };
        if (h.NgayTra is not null && VietnamTime.TryParsePortal(h.NgayTra, out var returned)) row["Q_Returned"] = returned;
        return row;
    }

    public static TableEntity FromPayment(GiaoDichThanhToan t)
    {
        if (!VietnamTime.TryParsePortal(t.NgayThanhToan, out var paid))
        {
            throw new FormatException($"Transaction {t.MaGiaoDich} has a date that is not yyyyMMddHHmmss.");
        }
        return new TableEntity(PartitionOf(t.MaHoSo), t.MaHoSo)
        {
            [TxColumn(t.MaGiaoDich)] = string.Join('\u001f', t.MaGiaoDich, t.MaTTHC, t.MaDonVi,
                t.SoTien.ToString(CultureInfo.InvariantCulture), t.TrangThai.ToString(CultureInfo.InvariantCulture),
                paid.UtcTicks.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>A column name for a transaction id: letters, digits and underscores only, stable.</summary>
    public static string TxColumn(string id)
    {
        var name = new StringBuilder(TxPrefix, TxPrefix.Length + id.Length);
        foreach (var c in id) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        if (name.Length > 200 || name.ToString() != TxPrefix + id)
        {
            // Ids with other characters (or very long ones) get a hash suffix so two never collide.
            var hash = 14695981039346656037UL;
            foreach (var c in id) hash = (hash ^ c) * 1099511628211UL;
            var head = name.ToString(0, Math.Min(name.Length, 180));
            return head + "_" + hash.ToString("x16", CultureInfo.InvariantCulture);
        }
        return name.ToString();
    }

    /// <summary>
    /// Adds the evaluation's columns to <paramref name="row"/> if it differs from the one stored with
    /// the dossier; returns whether it did.
    /// </summary>
    public static bool WithEvaluation(TableEntity row, DossierState dossier, Reconciliation.Evaluation evaluation)
    {
        var findingsText = evaluation.FindingsText;
        var contributionsText = evaluation.ContributionsText;
        if (findingsText == (dossier.LastFindings ?? "") && contributionsText == (dossier.LastContributions ?? "") && evaluation.NextCheck == dossier.NextCheck)
        {
            return false;
        }
        row["E_Findings"] = findingsText;
        row["E_Contrib"] = contributionsText;
        // A merge cannot remove a column: "no next check" is stored as the minimum instant.
        row["E_Next"] = evaluation.NextCheck ?? NoNextCheck;
        return true;
    }

    private static readonly DateTimeOffset NoNextCheck = DateTimeOffset.MinValue.AddYears(1600);

    public static DossierState Read(TableEntity row)
    {
        ProvinceRecord? province = null;
        if (row.ContainsKey("P_Received"))
        {
            province = new ProvinceRecord(
                row.GetString("P_Procedure"), row.GetString("P_Agency"), row.GetInt32("P_Channel") ?? 0, row.GetBoolean("P_ByStaff") ?? false,
                row.GetDateTimeOffset("P_Received")!.Value, row.GetDateTimeOffset("P_Due")!.Value, row.GetDateTimeOffset("P_Result"),
                row.GetDateTimeOffset("P_Returned"), row.GetDateTimeOffset("P_Closed"), row.GetInt32("P_Status") ?? 0,
                row.GetInt64("P_Fee") ?? 0, row.GetString("P_PayMethod") ?? "None", row.GetString("P_PayRef"),
                row.GetBoolean("P_DigIn") ?? false, row.GetBoolean("P_DigOut") ?? false, row.GetBoolean("P_Apology") ?? false,
                row.GetDateTimeOffset("P_Synced"), row.GetInt32("P_Rating"), row.GetDateTimeOffset("P_Updated")!.Value);
        }
        PortalRecord? portal = null;
        if (row.ContainsKey("Q_Received"))
        {
            portal = new PortalRecord(row.GetString("Q_Procedure"), row.GetString("Q_Agency"), row.GetInt32("Q_Channel") ?? 0,
                row.GetDateTimeOffset("Q_Received")!.Value, row.GetDateTimeOffset("Q_Due")!.Value, row.GetDateTimeOffset("Q_Returned"),
                row.GetInt32("Q_Status") ?? 0, row.GetDateTimeOffset("Q_Updated")!.Value);
        }
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
            row.GetString("E_Findings"), row.GetString("E_Contrib"), row.GetDateTimeOffset("E_Next"));
    }
}
