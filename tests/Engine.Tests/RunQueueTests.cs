using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using IntegrationHub.Engine.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Engine.Tests;

/// <summary>Runs as queue messages (RunRequests, QueuePump) and leases that are lost, against Azurite and the simulators.</summary>
public sealed class RunQueueTests
{
    private static readonly Dictionary<string, string?> ShortLease = new() { ["Sync:LeaseDuration"] = "00:00:01" };

    [Fact]
    public async Task ARunWhoseLeaseWasTakenOverStopsBeforeItsFirstWrite()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "81", "--dossiers", "1500", "--procedures", "100"], ShortLease);
        var sync = hub.Services.GetRequiredService<SyncService>();
        var leases = hub.Services.GetRequiredService<LeaseStore>();

        // Run A takes the lease and stalls past its duration (before its heartbeat starts); run B takes it over.
        var a = (await sync.BeginAsync(Sources.Motcua, null, CancellationToken.None))!;
        await Task.Delay(1200);
        var b = await leases.TryAcquireAsync(LeaseStore.SyncLease(Sources.Motcua), "run-b", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(b);
        Assert.Equal(a.Run.Id, b.PreviousHolder);

        // A wakes up: its first write is refused by the lease's ETag, so it writes nothing at all.
        var run = await a.ExecuteAsync(null, CancellationToken.None);
        Assert.Equal((Outcomes.Failed, SyncService.LeaseLost), (run.Status, run.ErrorKind));
        Assert.Equal("run-b", await leases.HolderAsync(LeaseStore.SyncLease(Sources.Motcua), CancellationToken.None));
        var checkpoint = await hub.Services.GetRequiredService<CheckpointStore>().GetAsync("motcua-dossiers", CancellationToken.None);
        Assert.Null(checkpoint.Watermark);
        Assert.Null(checkpoint.Resume);
        Assert.Empty(await hub.Services.GetRequiredService<CatalogueStore>().ReadAsync(CatalogueStore.Agencies, CancellationToken.None));
    }

    [Fact]
    public async Task ARequestThatFailsOnEveryDeliveryIsPoisoned_ItsRunFailedWithTheReason_AndItsSourceFreed()
    {
        using var metrics = new PoisonedCapture();
        await using var hub = await HubHarness.StartAsync(["--seed", "82", "--dossiers", "1000", "--procedures", "80"], ShortLease);
        var requests = hub.Services.GetRequiredService<RunRequests>();
        var leases = hub.Services.GetRequiredService<LeaseStore>();
        var runs = hub.Services.GetRequiredService<RunStore>();

        var accepted = await requests.RequestAsync([Sources.Lgsp], null, acceptShrink: false, reconcileAfter: false, CancellationToken.None);
        var queued = Assert.Single(accepted.Runs);
        // A CLI run of the source started after the request was queued, and stays stuck holding the lease.
        var stuck = await leases.TryAcquireAsync(LeaseStore.SyncLease(Sources.Lgsp), "stuck-cli-run", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(stuck);
        var busy = await requests.RequestAsync([Sources.Lgsp], null, false, false, CancellationToken.None);
        Assert.Equal((Sources.Lgsp, queued.Id), (busy.BusySource, busy.BusyRunId));

        await hub.DrainRunQueueAsync(requests.ExecuteAsync, requests.PoisonedAsync, new QueuePumpOptions { MaxDequeueCount = 2, VisibilityTimeout = TimeSpan.Zero });

        var failed = (await runs.GetAsync(queued.Id, CancellationToken.None))!;
        Assert.Equal((Outcomes.Failed, RunRequests.Poisoned), (failed.Status, failed.ErrorKind));
        Assert.Contains("stayed held by run stuck-cli-run", failed.Error);
        Assert.Equal(Sources.Lgsp, Assert.Single(metrics.Sources));
        Assert.Equal(0, (await hub.Storage.RunPoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // Once the stuck run is gone the source takes requests again, and they run.
        await leases.ReleaseAsync(stuck, CancellationToken.None);
        var again = await requests.RequestAsync([Sources.Lgsp], null, false, false, CancellationToken.None);
        Assert.True(again.Accepted);
        await hub.DrainRunQueueAsync(requests.ExecuteAsync, requests.PoisonedAsync);
        Assert.Equal(Outcomes.Succeeded, (await runs.GetAsync(again.Runs[0].Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ARequestDeliveredAgainAfterItsRunEndedChangesNothing()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "83", "--dossiers", "1500", "--procedures", "100", "--plant-rate", "0.05"]);
        var requests = hub.Services.GetRequiredService<RunRequests>();
        var runs = hub.Services.GetRequiredService<RunStore>();
        var accepted = await requests.RequestAsync(Sources.All, null, false, reconcileAfter: true, CancellationToken.None);
        var (message, _) = await ReceiveAsync(hub.Storage);

        await requests.ExecuteAsync(message, CancellationToken.None);
        var first = await runs.LatestAsync(10, CancellationToken.None);
        var findings = await hub.OpenFindingsAsync();
        // The instance died after the work and before the message was deleted: it is delivered again.
        await requests.ExecuteAsync(message, CancellationToken.None);

        var second = await runs.LatestAsync(10, CancellationToken.None);
        var syncs = first.Where(r => r.Source != Sources.Reconcile).ToList();
        Assert.Equal(accepted.Runs.Select(r => r.Id).Order(), syncs.Select(r => r.Id).Order());
        Assert.All(syncs, r => Assert.Equal(Outcomes.Succeeded, r.Status));
        Assert.Equal(syncs.Select(r => (r.Id, r.Ended)), second.Where(r => r.Source != Sources.Reconcile).Select(r => (r.Id, r.Ended)));
        Assert.Equal(findings.OrderBy(f => f.ToString()), (await hub.OpenFindingsAsync()).OrderBy(f => f.ToString()));
        await hub.AssertMatchesSimulatorAsync();
    }

    private static async Task<(string Text, string Id)> ReceiveAsync(HubStorage storage)
    {
        var message = (await storage.RunQueue.ReceiveMessageAsync()).Value;
        Assert.NotNull(message);
        return (message.MessageText, message.MessageId);
    }

    private sealed class PoisonedCapture : IDisposable
    {
        private readonly MeterListener listener = new();

        public ConcurrentBag<string> Sources { get; } = [];

        public PoisonedCapture()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TelemetryNames.Meter && instrument.Name == TelemetryNames.RunsPoisoned) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags) if (tag.Key == TelemetryNames.Dimensions.Source) Sources.Add(tag.Value?.ToString() ?? "");
            });
            listener.Start();
        }

        public void Dispose() => listener.Dispose();
    }
}
