using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Cli;

/// <summary>Shows progress on long runs, at most every couple of seconds per stream.</summary>
public sealed class ConsoleProgress(TextWriter errors) : IProgress<SyncProgress>
{
    private readonly Dictionary<string, long> last = new();

    public void Report(SyncProgress value)
    {
        lock (last)
        {
            var now = Environment.TickCount64;
            if (last.TryGetValue(value.Stream, out var at) && now - at < 2000) return;
            last[value.Stream] = now;
            errors.WriteLine($"  {value.Stream}: {value.Records} records, {value.Pages} pages");
        }
    }
}
