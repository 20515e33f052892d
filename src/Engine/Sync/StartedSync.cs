using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Sync;

/// <summary>A sync that holds its source's lease and has a Running record, waiting to be executed once.</summary>
public sealed class StartedSync(RunRecord run, Func<IProgress<SyncProgress>?, CancellationToken, Task<RunRecord>> execute)
{
    public RunRecord Run { get; } = run;

    public Task<RunRecord> ExecuteAsync(IProgress<SyncProgress>? progress, CancellationToken cancellationToken) => execute(progress, cancellationToken);
}
