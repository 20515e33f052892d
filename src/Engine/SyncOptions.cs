using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>Incremental sync (section "Sync").</summary>
public sealed class SyncOptions
{
    /// <summary>Where the first sync of a time-windowed source starts.</summary>
    public DateTimeOffset InitialWatermark { get; set; } = new(2024, 1, 1, 0, 0, 0, VietnamTime.Offset);
    /// <summary>Each window re-reads this much before the previous watermark: upserts are idempotent, a late write is not lost.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Records buffered before a flush (and a checkpoint).</summary>
    [Range(100, 200_000)] public int FlushSize { get; set; } = 20_000;
    /// <summary>
    /// Records staged (a first load, a backfill) before a flush and a checkpoint: held compressed, so
    /// a flush can be large, and larger flushes mean fewer staged blobs to delete once applied.
    /// </summary>
    [Range(100, 2_000_000)] public int StageFlushSize { get; set; } = 250_000;
    /// <summary>
    /// A snapshot list (agencies, procedures, LGSP applications...) lacking more than this share of
    /// the stored rows is not applied: the stream fails with a clear error and the ops team is
    /// alerted; <c>hub sync SOURCE --accept-shrink</c> applies it.
    /// </summary>
    [Range(0.0, 1.0)] public double MaxSnapshotShrink { get; set; } = 0.2;
    /// <summary>The longest backfill window accepted (<see cref="Sync.SyncWindow.Refusal"/>): a longer one is split by the caller.</summary>
    public TimeSpan MaxBackfill { get; set; } = TimeSpan.FromDays(366);
    /// <summary>Pages one stream may read in one run before it is stopped as paging without end (<see cref="Sync.PagingGuard"/>).</summary>
    [Range(10, 10_000_000)] public int MaxPagesPerRun { get; set; } = 50_000;
    /// <summary>Concurrent batch writes to Table Storage.</summary>
    [Range(1, 64)] public int WriteParallelism { get; set; } = 8;
    /// <summary>Archive each raw page, gzip, to Blob Storage.</summary>
    public bool ArchiveRawPages { get; set; } = true;
    /// <summary>A run renews its lease every third of this; a lease not renewed for this long is taken over (its holder died).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
