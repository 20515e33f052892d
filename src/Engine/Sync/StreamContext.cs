namespace IntegrationHub.Engine.Sync;

/// <summary>One stream's share of a run: which stream, the run, the backfill window, whether a shrinking snapshot is accepted, and what it has read so far.</summary>
public sealed class StreamContext(Storage.RunRecord run, SyncWindow? window, IProgress<SyncProgress>? progress,
    Func<StreamContext, byte[]?, CancellationToken, Task> archive, bool acceptShrink = false)
{
    public Storage.RunRecord Run { get; } = run;
    public SyncWindow? Window { get; } = window;
    /// <summary>An admin accepted that snapshot lists may lose more than the allowed share of their rows.</summary>
    public bool AcceptShrink { get; } = acceptShrink;
    public string Stream { get; set; } = "";
    public long Records { get; set; }
    public long Pages { get; set; }

    /// <summary>A page was read: counted, archived as received (if configured), reported.</summary>
    public async Task PageAsync(byte[]? raw, CancellationToken cancellationToken)
    {
        Pages++;
        await archive(this, raw, cancellationToken);
        progress?.Report(new SyncProgress(Stream, Records, Pages));
    }
}
