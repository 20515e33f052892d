using Azure.Data.Tables;
using IntegrationHub.Contracts.Portal;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A feedback item's row in the Dossiers tables: keyed and bucketed by its code (MaPAKN) like a
/// dossier, its record in column F (<see cref="RecordText"/>), so the same sync, change marks,
/// evaluation and counters serve it (docs/storage.md).
/// </summary>
public static class FeedbackRows
{
    public const string FeedbackColumn = "F";

    public static TableEntity FromPortal(PhanAnhKienNghi f)
    {
        if (!VietnamTime.TryParsePortal(f.NgayTiepNhan, out var received) || !VietnamTime.TryParsePortal(f.HanXuLy, out var due)
            || !VietnamTime.TryParsePortal(f.NgayCapNhat, out var updated))
        {
            throw new FormatException($"Feedback {f.MaPAKN} has a date that is not yyyyMMddHHmmss.");
        }
        DateTimeOffset? answered = null;
        if (f.NgayTraLoi is not null)
        {
            if (!VietnamTime.TryParsePortal(f.NgayTraLoi, out var at)) throw new FormatException($"Feedback {f.MaPAKN} has an answer date that is not yyyyMMddHHmmss.");
            answered = at;
        }
        return new TableEntity(DossierRows.PartitionOf(f.MaPAKN), f.MaPAKN)
        {
            [FeedbackColumn] = RecordText.Write(new FeedbackRecord(f.MaDonVi, f.MaTTHC, received, due, answered, f.CongKhai, updated)),
        };
    }

    public static FeedbackRecord? Read(TableEntity row) => row.GetString(FeedbackColumn) is { } text ? RecordText.ReadFeedback(text) : null;
}
