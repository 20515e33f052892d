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
    public async Task AFullReconciliationThatLostItsLeaseWritesNoRowAndKeepsTheStagedRecords()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "86", "--dossiers", "1200", "--procedures", "100"]);
        // A first sync stages its records for the full reconciliation.
        await hub.Runner.SyncAsync(Sources.All, null, null, CancellationToken.None, reconcileAfter: false);
        var staging = hub.Services.GetRequiredService<DossierStaging>();
        var staged = await CountAsync(p => staging.ListAsync(p, CancellationToken.None));
        Assert.True(staged > 0);

        var pass = hub.Services.GetRequiredService<IntegrationHub.Engine.Reconciliation.FullPass>();
        var context = new IntegrationHub.Engine.Reconciliation.EvaluationContext(hub.Time.GetUtcNow(), TimeSpan.FromDays(1), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)));
        await Assert.ThrowsAsync<LeaseLostException>(() => pass.RunAsync(context, _ => throw new LeaseLostException(LeaseStore.ReconcileLease, "this-run"), CancellationToken.None));

        Assert.Equal(staged, await CountAsync(p => staging.ListAsync(p, CancellationToken.None)));
        Assert.Equal(0, await CountAsync(async p =>
        {
            var rows = new List<string>();
            await foreach (var row in hub.Storage.DossierTable(p).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"])) rows.Add(row.RowKey);
            return rows;
        }));
    }

    [Fact]
    public async Task ALeaseRenewedMomentsAgoIsTrustedWithoutARequest_ALeaseTakenOverIsNot()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "87", "--dossiers", "100", "--procedures", "20"]);
        var leases = hub.Services.GetRequiredService<LeaseStore>();
        var lease = (await leases.TryAcquireAsync("test-lease", "run-a", TimeSpan.FromSeconds(1), CancellationToken.None))!;
        var before = hub.Storage.Operations;
        await lease.EnsureHeldAsync(leases, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal(before, hub.Storage.Operations);

        await Task.Delay(1100);
        Assert.NotNull(await leases.TryAcquireAsync("test-lease", "run-b", TimeSpan.FromMinutes(1), CancellationToken.None));
        await Assert.ThrowsAsync<LeaseLostException>(() => lease.EnsureHeldAsync(leases, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.True(lease.IsLost);
    }

    private static async Task<int> CountAsync(Func<string, Task<List<string>>> perBucket)
    {
        var total = 0;
        foreach (var partition in DossierRows.AllPartitions()) total += (await perBucket(partition)).Count;
        return total;
    }

    [Fact]
    public async Task ASlotJustClaimedByARequestNotYetRecordedIsBusy_OneLeftByARequesterThatDiedIsTakenOver()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "84", "--dossiers", "100", "--procedures", "20"]);
        var requests = hub.Services.GetRequiredService<RunRequests>();
        var slots = hub.Services.GetRequiredService<RunSlotStore>();
        var now = hub.Time.GetUtcNow();

        // Another request has claimed the slot and is about to record its run (the moment two requests at once meet).
        Assert.True(await slots.TryClaimAsync(Sources.Lgsp, "run-being-requested", now, CancellationToken.None));
        var second = await requests.RequestAsync([Sources.Lgsp], null, false, false, CancellationToken.None);
        Assert.Equal((Sources.Lgsp, "run-being-requested"), (second.BusySource, second.BusyRunId));

        // A claim older than the grace whose run was never recorded: its requester died in between.
        await slots.ReleaseAsync(Sources.Lgsp, "run-being-requested", CancellationToken.None);
        Assert.True(await slots.TryClaimAsync(Sources.Lgsp, "run-of-a-dead-request", now - RunRequests.UnrecordedClaimGrace - TimeSpan.FromSeconds(1), CancellationToken.None));
        var third = await requests.RequestAsync([Sources.Lgsp], null, false, false, CancellationToken.None);
        Assert.True(third.Accepted);
        Assert.Equal(third.Runs[0].Id, (await slots.GetAsync(Sources.Lgsp, CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task ARequestThatFailsOnEveryDeliveryIsPoisoned_ItsRunFailedWithTheReason_AndItsSourceFreed()
    {
        using var metrics = new PoisonedCapture();
        await using var hub = await HubHarness.StartAsync(["--seed", "82", "--dossiers", "1000", "--procedures", "80"], ShortLease);
        var requests = hub.Services.GetRequiredService<RunRequests>();
        var worker = hub.Services.GetRequiredService<RunWorker>();
        var leases = hub.Services.GetRequiredService<LeaseStore>();
        var runs = hub.Services.GetRequiredService<RunStore>();

        var accepted = await requests.RequestAsync([Sources.Lgsp], null, acceptShrink: false, reconcileAfter: false, CancellationToken.None);
        var queued = Assert.Single(accepted.Runs);
        // A CLI run of the source started after the request was queued, and stays stuck holding the lease.
        var stuck = await leases.TryAcquireAsync(LeaseStore.SyncLease(Sources.Lgsp), "stuck-cli-run", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(stuck);
        var busy = await requests.RequestAsync([Sources.Lgsp], null, false, false, CancellationToken.None);
        Assert.Equal((Sources.Lgsp, queued.Id), (busy.BusySource, busy.BusyRunId));

        await hub.DrainRunQueueAsync(worker.ExecuteAsync, worker.PoisonedAsync, new QueuePumpOptions { MaxDequeueCount = 2, VisibilityTimeout = TimeSpan.Zero });

        var failed = (await runs.GetAsync(queued.Id, CancellationToken.None))!;
        Assert.Equal((Outcomes.Failed, RunWorker.Poisoned), (failed.Status, failed.ErrorKind));
        Assert.Contains("stayed held by run stuck-cli-run", failed.Error);
        Assert.Equal(Sources.Lgsp, Assert.Single(metrics.Sources));
        Assert.Equal(0, (await hub.Storage.RunPoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // Once the stuck run is gone the source takes requests again, and they run.
        await leases.ReleaseAsync(stuck, CancellationToken.None);
        var again = await requests.RequestAsync([Sources.Lgsp], null, false, false, CancellationToken.None);
        Assert.True(again.Accepted);
        await hub.DrainRunQueueAsync(worker.ExecuteAsync, worker.PoisonedAsync);
        Assert.Equal(Outcomes.Succeeded, (await runs.GetAsync(again.Runs[0].Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ARequestIsCutIntoAnItemPerSource_TheLastQueuesTheReconciliation_WhoseFullPassIsCutIntoBucketItems_AndItemsDeliveredAgainChangeNothing()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "83", "--dossiers", "1500", "--procedures", "100", "--plant-rate", "0.05"],
            new Dictionary<string, string?> { ["Reconciliation:BucketsPerItem"] = "16" });
        var requests = hub.Services.GetRequiredService<RunRequests>();
        var worker = hub.Services.GetRequiredService<RunWorker>();
        var runs = hub.Services.GetRequiredService<RunStore>();
        var accepted = await requests.RequestAsync(Sources.All, null, false, reconcileAfter: true, CancellationToken.None);
        var reconcileRun = accepted.Runs.Single(r => r.Source == Sources.Reconcile).Id;
        var items = await ReceiveAsync(hub.Storage, 3);
        Assert.Equal(Sources.All.Order(), items.Select(i => Assert.Single(RunQueueStore.Parse(i).Syncs).Source).Order());

        foreach (var item in items)
        {
            Assert.Empty(await ReceiveAsync(hub.Storage, 0));
            await worker.ExecuteAsync(item, CancellationToken.None);
        }
        // The last item to end queued the reconciliation; it runs like any other message. A first load
        // makes it full: its pass is cut into items of 16 buckets, and the run goes on Running.
        var reconciliation = Assert.Single(await ReceiveAsync(hub.Storage, 1));
        await worker.ExecuteAsync(reconciliation, CancellationToken.None);
        Assert.Equal(Outcomes.Running, (await runs.GetAsync(reconcileRun, CancellationToken.None))!.Status);
        var parts = await ReceiveAsync(hub.Storage, 4);
        Assert.Equal(DossierRows.AllPartitions(), parts.SelectMany(p => RunQueueStore.Parse(p).Part!.Buckets).Order(StringComparer.Ordinal));
        Assert.All(parts, p => Assert.Equal((ReconcilePartKind.Buckets, reconcileRun), (RunQueueStore.Parse(p).Part!.Kind, RunQueueStore.Parse(p).ReconcileRunId)));

        // In any order, one delivered twice: only the last to end queues the finishing item.
        parts.Reverse();
        foreach (var part in new[] { parts[0], parts[1], parts[0], parts[2], parts[3] })
        {
            Assert.Empty(await ReceiveAsync(hub.Storage, 0));
            await worker.ExecuteAsync(part, CancellationToken.None);
        }
        var finish = Assert.Single(await ReceiveAsync(hub.Storage, 1));
        Assert.Equal(ReconcilePartKind.Finish, RunQueueStore.Parse(finish).Part!.Kind);
        Assert.Equal(Outcomes.Running, (await runs.GetAsync(reconcileRun, CancellationToken.None))!.Status);
        await worker.ExecuteAsync(finish, CancellationToken.None);
        var first = await runs.LatestAsync(10, CancellationToken.None);
        var ended = first.Single(r => r.Id == reconcileRun);
        Assert.Equal(Outcomes.Succeeded, ended.Status);
        Assert.Equal(RunRecord.ThisProcess, ended.Worker);
        Assert.Null(await hub.Services.GetRequiredService<LeaseStore>().HolderAsync(LeaseStore.ReconcileLease, CancellationToken.None));
        var findings = await hub.OpenFindingsAsync();
        await hub.AssertMatchesSimulatorAsync();

        // Every item delivered again (its instance died after the work, before the message was deleted).
        foreach (var item in items.Append(reconciliation).Concat(parts).Append(finish)) await worker.ExecuteAsync(item, CancellationToken.None);

        Assert.Empty(await ReceiveAsync(hub.Storage, 0));
        var second = await runs.LatestAsync(10, CancellationToken.None);
        Assert.Equal(first.Select(r => (r.Id, r.Status, r.Ended)), second.Select(r => (r.Id, r.Status, r.Ended)));
        // The reconciliation ran as the run recorded with the request.
        Assert.Equal(accepted.Runs.Select(r => r.Id).Order(), first.Select(r => r.Id).Order());
        Assert.All(first, r => Assert.Equal(Outcomes.Succeeded, r.Status));
        Assert.Equal(findings.OrderBy(f => f.ToString()), (await hub.OpenFindingsAsync()).OrderBy(f => f.ToString()));
        await hub.AssertMatchesSimulatorAsync();

        // A full run in one process (hub reconcile --full) evaluates as many dossiers and finds the same.
        var single = (await hub.Services.GetRequiredService<Reconciliation.ReconcileService>().RunAsync(forceFull: true, CancellationToken.None))!;
        Assert.Equal((Outcomes.Succeeded, ended.Records), (single.Status, single.Records));
        Assert.Equal(findings.OrderBy(f => f.ToString()), (await hub.OpenFindingsAsync()).OrderBy(f => f.ToString()));
    }

    [Fact]
    public async Task APartOfAReconciliationTakenOverWritesNothing_APoisonedPartFailsItsRun_NoFinishFollows_AndTheNextRunIsFull()
    {
        await using var hub = await HubHarness.StartAsync(["--seed", "86", "--dossiers", "1500", "--procedures", "100", "--plant-rate", "0.05"],
            new Dictionary<string, string?> { ["Sync:LeaseDuration"] = "00:00:01", ["Reconciliation:BucketsPerItem"] = "32" });
        await hub.Runner.SyncAsync(Sources.All, null, null, CancellationToken.None, reconcileAfter: false);
        var reconcile = hub.Services.GetRequiredService<Reconciliation.ReconcileService>();
        var parts = hub.Services.GetRequiredService<ReconcileParts>();
        var worker = hub.Services.GetRequiredService<RunWorker>();
        var runs = hub.Services.GetRequiredService<RunStore>();
        var results = hub.Services.GetRequiredService<BucketResultStore>();
        var staging = hub.Services.GetRequiredService<DossierStaging>();

        // A full run handed off as a worker does: still Running, its two items queued.
        var old = (await reconcile.RunAsync(false, CancellationToken.None, null, parts.StartAsync))!;
        Assert.Equal(Outcomes.Running, old.Status);
        var oldParts = await ReceiveAsync(hub.Storage, 2);
        // No item joined it before its lease lapsed: the next reconciliation takes it over.
        await Task.Delay(1200);
        var taking = (await reconcile.RunAsync(false, CancellationToken.None, null, parts.StartAsync))!;
        Assert.Equal(Outcomes.Abandoned, (await runs.GetAsync(old.Id, CancellationToken.None))!.Status);
        var newParts = await ReceiveAsync(hub.Storage, 2);

        // The old run's item finds the lease held by another run: it evaluates and writes nothing.
        var buckets = RunQueueStore.Parse(oldParts[0]).Part!.Buckets;
        var stagedBefore = await StagedAsync(staging, buckets);
        Assert.NotEmpty(stagedBefore);
        await worker.ExecuteAsync(oldParts[0], CancellationToken.None);
        Assert.Equal(stagedBefore, await StagedAsync(staging, buckets));
        foreach (var bucket in buckets) Assert.False(await results.ExistsAsync(old.Id, bucket, CancellationToken.None));

        // One of the new run's items is poisoned: the run is Failed, and its other item, delivered
        // after, writes nothing and queues no finishing item.
        await worker.PoisonedAsync(newParts[0], CancellationToken.None);
        var failed = (await runs.GetAsync(taking.Id, CancellationToken.None))!;
        Assert.Equal((Outcomes.Failed, RunWorker.Poisoned), (failed.Status, failed.ErrorKind));
        var otherBuckets = RunQueueStore.Parse(newParts[1]).Part!.Buckets;
        var otherStaged = await StagedAsync(staging, otherBuckets);
        await worker.ExecuteAsync(newParts[1], CancellationToken.None);
        Assert.Equal(otherStaged, await StagedAsync(staging, otherBuckets));
        Assert.Empty(await ReceiveAsync(hub.Storage, 0));

        // The lease was released with the poisoned item; the state still names a run in progress: the next run is full.
        var next = (await reconcile.RunAsync(false, CancellationToken.None))!;
        Assert.Equal(Outcomes.Succeeded, next.Status);
        Assert.Contains("Full", next.Streams);
        await hub.AssertMatchesSimulatorAsync();
    }

    private static async Task<List<string>> StagedAsync(DossierStaging staging, IEnumerable<string> buckets)
    {
        var names = new List<string>();
        foreach (var bucket in buckets) names.AddRange(await staging.ListAsync(bucket, CancellationToken.None));
        return names;
    }

    /// <summary>Takes the <paramref name="count"/> messages expected (0: checks there are none).</summary>
    private static async Task<List<string>> ReceiveAsync(HubStorage storage, int count)
    {
        var taken = new List<string>();
        for (var attempt = 0; attempt < 3 && (taken.Count < count || attempt == 0); attempt++)
        {
            foreach (var m in (await storage.RunQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value) taken.Add(m.MessageText);
        }
        Assert.Equal(count, taken.Count);
        return taken;
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
