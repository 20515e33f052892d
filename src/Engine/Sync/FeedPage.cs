using Azure.Data.Tables;
using IntegrationHub.Engine.Connectors;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// One upstream page as rows to store: where the next page is (null: none), the upstream's clock,
/// the page as received, and the records that cannot be stored (to quarantine).
/// </summary>
public sealed record FeedPage(IReadOnlyList<TableEntity> Rows, string? Next, DateTimeOffset? AsOf, byte[]? Raw, IReadOnlyList<RejectedRecord> Rejected)
{
    /// <summary>A page of items made into rows by <see cref="RecordGate"/>; what does not parse or cannot be stored is rejected.</summary>
    public static FeedPage Of<T>(Page<T> page, Func<T, TableEntity> toRow, IEnumerable<T>? items = null, Func<TableEntity, string?>? streamRule = null)
    {
        var (rows, rejected) = RecordGate.Admit(items ?? page.Items, toRow, streamRule);
        return new FeedPage(rows, page.Next, page.AsOf, page.Raw, [.. page.Rejected, .. rejected]);
    }
}
