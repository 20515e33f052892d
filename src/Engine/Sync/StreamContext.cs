namespace IntegrationHub.Engine.Sync;

/// <summary>One stream's share of a run: which stream, the run, the backfill window, and what it has read so far.</summary>
public sealed class StreamContext(Storage.RunRecord run, SyncWindow? window, IProgress<SyncProgress>? progress,
    Func<StreamContext, byte[]?, CancellationToken, Task> archive)
{
    public Storage.RunRecord Run { get; } = run;
    public SyncWindow? Window { get; } = window;
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
