using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// What each dossier feed merges into its dossier's row of the Dossiers tables (<see cref="DossierRows"/>):
/// the case system's record, the portal's record, one column per payment transaction. Each feed
/// writes only its own columns, so the three merge blindly into one row.
/// </summary>
public static class DossierFeedRows
{
    public static int ChannelOf(Channel channel) => channel switch { Channel.InPerson => Channels.InPerson, Channel.Online => Channels.Online, _ => Channels.Postal };

    /// <summary>The row of a case-system dossier: its record in the <see cref="DossierRows.ProvinceColumn"/>, replacing the one stored.</summary>
    public static TableEntity FromProvince(Dossier d) => new(DossierRows.PartitionOf(d.Code), d.Code)
    {
        [DossierRows.ProvinceColumn] = RecordText.Write(new ProvinceRecord(d.ProcedureCode, d.AgencyCode, ChannelOf(d.Channel), d.SubmittedByStaff,
            d.ReceivedAt, d.DueAt, d.ResultIssuedAt, d.ReturnedAt, d.WorkflowClosedAt, d.Status, d.Fee, d.PaymentMethod.ToString(),
            d.PaymentReference, d.DigitisedInput, d.DigitisedResult, d.ApologyLetterIssued, d.PortalSyncedAt, d.SatisfactionRating, d.UpdatedAt)
        {
            Pauses = d.Pauses is { Count: > 0 } pauses ? [.. pauses.Select(p => new PauseRecord(p.Reason, p.StartedAt, p.EndedAt))] : [],
            FeeExempt = d.FeeExempt ?? false,
            ViaProvincialGateway = d.PaymentGateway == PaymentGateway.ProvincialGateway,
            PaidAt = d.PaidAt,
            Handler = d.HandlerAccount,
            HandlerName = d.HandlerName,
            ApologyDue = d.ApologyNewDueAt,
        }),
    };

    /// <summary>The row of a portal dossier: its record in the <see cref="DossierRows.PortalColumn"/>, replacing the one stored.</summary>
    public static TableEntity FromPortal(HoSo h)
    {
        if (!VietnamTime.TryParsePortal(h.NgayTiepNhan, out var received) || !VietnamTime.TryParsePortal(h.NgayHenTra, out var due)
            || !VietnamTime.TryParsePortal(h.NgayCapNhat, out var updated))
        {
            throw new FormatException($"Portal dossier {h.MaHoSo} has a date that is not yyyyMMddHHmmss.");
        }
        DateTimeOffset? returned = h.NgayTra is not null && VietnamTime.TryParsePortal(h.NgayTra, out var r) ? r : null;
        return new TableEntity(DossierRows.PartitionOf(h.MaHoSo), h.MaHoSo)
        {
            [DossierRows.PortalColumn] = RecordText.Write(new PortalRecord(h.MaTTHC, h.MaDonVi, h.KenhThucHien, received, due, returned, h.TrangThaiHoSo, updated)),
        };
    }

    public static TableEntity FromPayment(GiaoDichThanhToan t)
    {
        if (!VietnamTime.TryParsePortal(t.NgayThanhToan, out var paid))
        {
            throw new FormatException($"Transaction {t.MaGiaoDich} has a date that is not yyyyMMddHHmmss.");
        }
        return new TableEntity(DossierRows.PartitionOf(t.MaHoSo), t.MaHoSo)
        {
            [TxColumn(t.MaGiaoDich)] = string.Join('\u001f', t.MaGiaoDich, t.MaTTHC, t.MaDonVi,
                t.SoTien.ToString(CultureInfo.InvariantCulture), t.TrangThai.ToString(CultureInfo.InvariantCulture),
                paid.UtcTicks.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>A column name for a transaction id: letters, digits and underscores only, stable.</summary>
    public static string TxColumn(string id)
    {
        var name = new StringBuilder(DossierRows.TxPrefix, DossierRows.TxPrefix.Length + id.Length);
        foreach (var c in id) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        if (name.Length > 200 || name.ToString() != DossierRows.TxPrefix + id)
        {
            // Ids with other characters (or very long ones) get a hash suffix so two never collide.
            var hash = 14695981039346656037UL;
            foreach (var c in id) hash = (hash ^ c) * 1099511628211UL;
            var head = name.ToString(0, Math.Min(name.Length, 180));
            return head + "_" + hash.ToString("x16", CultureInfo.InvariantCulture);
        }
        return name.ToString();
    }
}
