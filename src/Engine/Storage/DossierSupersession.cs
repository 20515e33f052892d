using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>Which of two versions of a dossier's record is newer: for two copies in one page, and for a quarantine retry.</summary>
public static class DossierSupersession
{
    /// <summary>
    /// A case-system or portal record is superseded by a stored one updated at the same time or
    /// later; a payment transaction by the same transaction stored (its id is its column). Pure.
    /// </summary>
    public static bool IsSuperseded(TableEntity stored, TableEntity offered)
    {
        var have = DossierRows.Read(stored);
        var offer = DossierRows.Read(offered);
        if (offer.Province is { } province) return have.Province is { } p && p.Updated >= province.Updated;
        if (offer.Portal is { } portal) return have.Portal is { } q && q.Updated >= portal.Updated;
        if (offer.Feedback is { } feedback) return have.Feedback is { } f && f.Updated >= feedback.Updated;
        var storedIds = have.Payments.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return offer.Payments.Count > 0 && offer.Payments.All(t => storedIds.Contains(t.Id));
    }

    /// <summary>
    /// Whether a record column's stored text (<see cref="DossierRows.ProvinceColumn"/> or
    /// <see cref="DossierRows.PortalColumn"/>) is of a later update than the text offered for it;
    /// false for any other column, whose last value wins. Pure.
    /// </summary>
    public static bool KeepsNewer(string column, object? kept, object? offered) =>
        kept is string k && offered is string o && column switch
        {
            DossierRows.ProvinceColumn => RecordText.ReadProvince(k).Updated > RecordText.ReadProvince(o).Updated,
            DossierRows.PortalColumn => RecordText.ReadPortal(k).Updated > RecordText.ReadPortal(o).Updated,
            FeedbackRows.FeedbackColumn => RecordText.ReadFeedback(k).Updated > RecordText.ReadFeedback(o).Updated,
            _ => false,
        };
}
