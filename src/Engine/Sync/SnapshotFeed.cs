using Azure.Data.Tables;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// A small list kept whole in one Catalogue partition, read by <see cref="SnapshotStream"/>: pages
/// from a cursor (null: the first); the columns whose change asks for the KPIs to be re-published;
/// and what else must be recorded of the list before it replaces the stored one.
/// </summary>
public sealed record SnapshotFeed(
    string Stream,
    string Partition,
    IReadOnlyList<string> Material,
    Func<string?, SyncWindow?, CancellationToken, Task<FeedPage>> FetchAsync,
    Func<IReadOnlyList<TableEntity>, CancellationToken, Task>? BeforeWriteAsync = null) : Feed(Stream);
