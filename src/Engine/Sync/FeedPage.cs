using Azure.Data.Tables;

namespace IntegrationHub.Engine.Sync;

/// <summary>One upstream page as rows to store: where the next page is (null: none), the upstream's clock, and the page as received.</summary>
public sealed record FeedPage(IReadOnlyList<TableEntity> Rows, string? Next, DateTimeOffset? AsOf, byte[]? Raw);
