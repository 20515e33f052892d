using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// A feed of dossier records, read in checkpointed passes by <see cref="IncrementalStream"/>.
/// <paramref name="NewPass"/> gives a new pass's bounds from the checkpoint, the backfill window and
/// the clock (an end left null is the first page's upstream clock); <paramref name="FetchAsync"/>
/// reads the page at a resume point (null: the first) of the pass the checkpoint describes.
/// </summary>
public sealed record IncrementalFeed(
    string Stream,
    Func<Checkpoint, SyncWindow?, DateTimeOffset, (DateTimeOffset? From, DateTimeOffset? To)> NewPass,
    Func<Checkpoint, string?, SyncWindow?, CancellationToken, Task<FeedPage>> FetchAsync) : Feed(Stream);
