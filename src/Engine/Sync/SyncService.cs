using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Sync;

/// <summary>The sources a run can sync; each is one upstream system.</summary>
public static class Sources
{
    public const string Motcua = UpstreamSystems.Motcua;
    public const string Portal = UpstreamSystems.Portal;
    public const string Lgsp = UpstreamSystems.Lgsp;
    public const string Reconcile = "reconcile";
    public static readonly IReadOnlyList<string> All = [Motcua, Portal, Lgsp];

    public static bool IsKnown(string source) => All.Contains(source);
}

/// <summary>How a run ended. Degraded: it finished, but some stream failed or calls had to be retried.</summary>
public static class Outcomes
{
    public const string Succeeded = "Succeeded";
    public const string Degraded = "Degraded";
    public const string Failed = "Failed";
    public const string Running = "Running";
}

/// <summary>A sync that holds its source's lease and has a Running record, waiting to be executed once.</summary>
public sealed class StartedSync(RunRecord run, Func<IProgress<SyncProgress>?, CancellationToken, Task<RunRecord>> execute, Func<Task> abandon)
{
    public RunRecord Run { get; } = run;

    public Task<RunRecord> ExecuteAsync(IProgress<SyncProgress>? progress, CancellationToken cancellationToken) => execute(progress, cancellationToken);

    /// <summary>Gives the lease back without running; the run is recorded as not started.</summary>
    public Task AbandonAsync() => abandon();
}

/// <summary>An explicit time window to backfill (inclusive start, exclusive end).</summary>
public sealed record SyncWindow(DateTimeOffset From, DateTimeOffset To);

/// <summary>Progress of a long run, for a CLI that shows it.</summary>
public sealed record SyncProgress(string Stream, long Records, long Pages);

/// <summary>
/// Pulls one upstream system, stream by stream, into Table Storage. Each stream keeps a checkpoint
/// that moves only after the data it covers is stored, so a crash never skips records and a re-run
/// only repeats idempotent upserts.
/// </summary>
public sealed class SyncService(
    HubStorage storage,
    CheckpointStore checkpoints,
    RunStore runs,
    LeaseStore leases,
    RawArchive archive,
    DossierStaging staging,
    CatalogueStore catalogue,
    ReconcileStateStore reconcileState,
    MotcuaConnector motcua,
    PortalConnector portal,
    LgspConnector lgsp,
    UpstreamStats stats,
    IOptions<SyncOptions> options,
    IOptions<ReconciliationOptions> reconciliation,
    TimeProvider time,
    ILogger<SyncService> logger)
{
    private SyncOptions O => options.Value;

    /// <summary>Runs one source under its lease. Returns null when a run of that source is already in progress.</summary>
    public async Task<RunRecord?> RunAsync(string source, SyncWindow? window, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var started = await BeginAsync(source, window, cancellationToken);
        return started is null ? null : await started.ExecuteAsync(progress, cancellationToken);
    }

    /// <summary>
    /// Takes the source's lease and records the run as Running; null when a run of that source is
    /// already in progress. The caller then executes it (now, or in the background) exactly once.
    /// </summary>
    public async Task<StartedSync?> BeginAsync(string source, SyncWindow? window, CancellationToken cancellationToken)
    {
        if (!Sources.IsKnown(source)) throw new ArgumentException($"Unknown source '{source}'.", nameof(source));
        var started = time.GetUtcNow();
        var run = new RunRecord { RowKey = RunStore.NewId(), Source = source, Started = started, WindowFrom = window?.From, WindowTo = window?.To };
        var lease = await leases.TryAcquireAsync(LeaseStore.SyncLease(source), run.Id, O.LeaseDuration, cancellationToken);
        if (lease is null) return null;
        try
        {
            await runs.SaveAsync(run, cancellationToken);
        }
        catch
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
            throw;
        }
        return new StartedSync(run, async (progress, ct) =>
        {
            try
            {
                await using (leases.KeepAlive(lease, O.LeaseDuration))
                {
                    return await RunLeasedAsync(run, window, progress, ct);
                }
            }
            finally
            {
                await leases.ReleaseAsync(lease, CancellationToken.None);
            }
        }, async () =>
        {
            run.Status = "NotStarted";
            run.Ended = time.GetUtcNow();
            await runs.SaveAsync(run, CancellationToken.None);
            await leases.ReleaseAsync(lease, CancellationToken.None);
        });
    }

    private async Task<RunRecord> RunLeasedAsync(RunRecord run, SyncWindow? window, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var operationsBefore = storage.Operations;
        var retriesBefore = stats.For(run.Source).Retries;
        var context = new StreamContext(run, window, progress);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = run.Id, ["Source"] = run.Source });

        var streams = run.Source switch
        {
            Sources.Motcua => new (string, Func<StreamContext, CancellationToken, Task<StreamResult>>)[]
            {
                ("motcua-agencies", MotcuaAgenciesAsync), ("motcua-procedures", MotcuaProceduresAsync), ("motcua-dossiers", MotcuaDossiersAsync),
            },
            Sources.Portal => [("portal-catalogue", PortalCatalogueAsync), ("portal-dossiers", PortalDossiersAsync), ("portal-payments", PortalPaymentsAsync)],
            _ => [("lgsp-applications", LgspApplicationsAsync), ("lgsp-services", LgspServicesAsync), ("lgsp-monitoring", LgspMonitoringAsync)],
        };

        var results = new List<StreamResult>();
        foreach (var (name, body) in streams)
        {
            context.Stream = name;
            try
            {
                results.Add(await body(context, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var kind = ErrorKinds.Classify(ex);
                logger.LogWarning(ex, "Stream {Stream} of run {RunId} failed ({ErrorKind})", name, run.Id, kind);
                results.Add(new StreamResult(name, Outcomes.Failed, context.Records, context.Pages, kind.ToString(), Describe(ex)));
            }
            context.Records = 0;
            context.Pages = 0;
        }

        run.Records = results.Sum(r => r.Records);
        run.Pages = results.Sum(r => r.Pages);
        run.Retries = stats.For(run.Source).Retries - retriesBefore;
        var failed = results.Where(r => r.Outcome == Outcomes.Failed).ToList();
        run.Status = failed.Count == results.Count ? Outcomes.Failed
            : failed.Count > 0 || run.Retries > 0 ? Outcomes.Degraded
            : Outcomes.Succeeded;
        run.ErrorKind = failed.FirstOrDefault()?.ErrorKind;
        run.Error = failed.Count > 0 ? string.Join("; ", failed.Select(f => $"{f.Stream}: {f.Error}")) : null;
        run.Streams = RunStore.StreamsJson(results);
        run.Ended = time.GetUtcNow();
        run.DurationMs = watch.ElapsedMilliseconds;
        run.StorageOperations = storage.Operations - operationsBefore;
        await runs.SaveAsync(run, CancellationToken.None);
        var mainStream = run.Source switch { Sources.Motcua => "motcua-dossiers", Sources.Portal => "portal-dossiers", _ => null };
        var watermark = mainStream is null ? (run.Status == Outcomes.Failed ? null : run.Ended) : (await checkpoints.GetAsync(mainStream, CancellationToken.None)).Watermark;
        Telemetry.HubMetrics.SyncEnded(run, results.Select(r => (r.ErrorKind, r.Outcome == Outcomes.Failed)),
            (int)stats.For(run.Source).Circuit switch { 0 => 0, 1 => 1, 2 => 2, _ => 1 },
            watermark is { } w ? Math.Max(0, (time.GetUtcNow() - w).TotalSeconds) : null);
        logger.LogInformation("Sync {Source} run {RunId}: {Status}, {Records} records in {Pages} pages, {Retries} retries, {DurationMs} ms",
            run.Source, run.Id, run.Status, run.Records, run.Pages, run.Retries, run.DurationMs);
        return run;
    }

    // Messages of upstream and storage errors can be long; keep the first line, and never a body.
    private static string Describe(Exception ex)
    {
        var message = ex.Message.Split('\n')[0];
        return message.Length > 300 ? message[..300] : message;
    }

    private sealed class StreamContext(RunRecord run, SyncWindow? window, IProgress<SyncProgress>? progress)
    {
        public RunRecord Run { get; } = run;
        public SyncWindow? Window { get; } = window;
        public string Stream { get; set; } = "";
        public long Records { get; set; }
        public long Pages { get; set; }

        public void Report() => progress?.Report(new SyncProgress(Stream, Records, Pages));
    }

    private sealed record StreamResult(string Stream, string Outcome, long Records, long Pages, string? ErrorKind = null, string? Error = null);

    private async Task ArchiveAsync(StreamContext context, byte[]? raw, CancellationToken cancellationToken)
    {
        context.Pages++;
        if (raw is not null && O.ArchiveRawPages)
        {
            await archive.SaveAsync(context.Stream, time.GetUtcNow(), context.Run.Id, context.Pages, raw, cancellationToken);
        }
        context.Report();
    }

    // ---- Dossier streams: blind merges into the Dossiers tables, batched per partition (one table per bucket) ----

    /// <summary>
    /// A first pass or a backfill stages its records and asks for a full reconciliation, which writes
    /// each dossier once. So does any pass while a full reconciliation is pending: staged records are
    /// applied in order, so none may be overtaken by a direct merge of the same feed.
    /// </summary>
    private async Task<DossierWriter> WriterAsync(Checkpoint checkpoint, StreamContext context, CancellationToken cancellationToken)
    {
        var mode = DossierWriteMode.MergeAndMark;
        if (checkpoint.Watermark is null || context.Window is not null || await reconcileState.IsFullPendingAsync(cancellationToken))
        {
            await reconcileState.RequestFullAsync(cancellationToken);
            mode = DossierWriteMode.Stage;
        }
        return new DossierWriter(storage, staging, mode, context.Stream, context.Run.Id, O.WriteParallelism);
    }

    private static string StreamKey(string stream, SyncWindow? window) =>
        window is null ? stream : $"{stream}@{window.From.UtcTicks}-{window.To.UtcTicks}";

    private async Task<StreamResult> MotcuaDossiersAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetAsync(StreamKey(context.Stream, context.Window), cancellationToken);
        var writer = await WriterAsync(checkpoint, context, cancellationToken);
        if (checkpoint.Resume is null)
        {
            // A new pass: from the watermark less the overlap (or the backfill window's start).
            checkpoint.PassFrom = context.Window?.From ?? (checkpoint.Watermark is { } w ? w - O.Overlap : null);
            checkpoint.PassTo = null;
        }
        var cursor = checkpoint.Resume;
        do
        {
            var page = await motcua.DossiersAsync(checkpoint.PassFrom, cursor, cancellationToken);
            // The first page's server time bounds the pass: anything changed later is seen by the next pass.
            checkpoint.PassTo ??= page.AsOf;
            await ArchiveAsync(context, page.Raw, cancellationToken);
            foreach (var dossier in page.Items)
            {
                if (context.Window is { } window && dossier.UpdatedAt >= window.To) continue;
                writer.Add(DossierRows.FromProvince(dossier));
                context.Records++;
            }
            cursor = page.Next;
            if (writer.Buffered >= O.FlushSize || cursor is null)
            {
                await writer.FlushAsync(cancellationToken);
                checkpoint.Resume = cursor;
                if (cursor is null)
                {
                    checkpoint.Watermark = context.Window is null ? checkpoint.PassTo : checkpoint.Watermark;
                    checkpoint.PassFrom = checkpoint.PassTo = null;
                }
                await checkpoints.SaveAsync(checkpoint, cancellationToken);
            }
        }
        while (cursor is not null);
        return new StreamResult(context.Stream, Outcomes.Succeeded, context.Records, context.Pages);
    }

    private Task<StreamResult> PortalDossiersAsync(StreamContext context, CancellationToken cancellationToken) =>
        PortalWindowedAsync(context, async (w, p, ct) =>
        {
            var page = await portal.DossiersAsync(w, p, ct);
            return (page.Items.Select(DossierRows.FromPortal).ToList(), page.Next, page.Raw);
        }, cancellationToken);

    private Task<StreamResult> PortalPaymentsAsync(StreamContext context, CancellationToken cancellationToken) =>
        PortalWindowedAsync(context, async (w, p, ct) =>
        {
            var page = await portal.PaymentsAsync(w, p, ct);
            return (page.Items.Select(DossierRows.FromPayment).ToList(), page.Next, page.Raw);
        }, cancellationToken);

    /// <summary>A portal list over a time window, paged by page number; the window's end becomes the watermark.</summary>
    private async Task<StreamResult> PortalWindowedAsync(
        StreamContext context,
        Func<(DateTimeOffset, DateTimeOffset), int, CancellationToken, Task<(List<TableEntity> Rows, string? Next, byte[]? Raw)>> fetch,
        CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetAsync(StreamKey(context.Stream, context.Window), cancellationToken);
        var writer = await WriterAsync(checkpoint, context, cancellationToken);
        if (checkpoint.Resume is null)
        {
            checkpoint.PassFrom = context.Window?.From ?? (checkpoint.Watermark is { } w ? w - O.Overlap : O.InitialWatermark);
            checkpoint.PassTo = context.Window?.To.AddSeconds(-1) ?? time.GetUtcNow();
        }
        var window = (checkpoint.PassFrom!.Value, checkpoint.PassTo!.Value);
        string? next = checkpoint.Resume ?? "1";
        do
        {
            var pageNumber = int.Parse(next, System.Globalization.CultureInfo.InvariantCulture);
            var (rows, following, raw) = await fetch(window, pageNumber, cancellationToken);
            await ArchiveAsync(context, raw, cancellationToken);
            foreach (var row in rows)
            {
                writer.Add(row);
                context.Records++;
            }
            next = following;
            if (writer.Buffered >= O.FlushSize || next is null)
            {
                await writer.FlushAsync(cancellationToken);
                checkpoint.Resume = next;
                if (next is null)
                {
                    if (context.Window is null) checkpoint.Watermark = checkpoint.PassTo;
                    checkpoint.PassFrom = checkpoint.PassTo = null;
                }
                await checkpoints.SaveAsync(checkpoint, cancellationToken);
            }
        }
        while (next is not null);
        return new StreamResult(context.Stream, Outcomes.Succeeded, context.Records, context.Pages);
    }

    // ---- Snapshot streams: small lists kept whole in the Catalogue table ----

    /// <summary>What a change of a snapshot's material columns asks of the next reconciliation.</summary>
    private enum OnMaterialChange { Nothing, Republish }

    private async Task<StreamResult> SnapshotAsync(StreamContext context, string partition, List<TableEntity> rows, string[] material,
        OnMaterialChange onChange, CancellationToken cancellationToken)
    {
        context.Records = rows.Count;
        var (_, changed) = await catalogue.WriteSnapshotAsync(partition, rows, material, O.WriteParallelism, cancellationToken);
        if (material.Length > 0 && changed.Count > 0)
        {
            // Procedure flags select which procedures' activity a KPI counts, an agency's level the
            // level scope its counters roll up into: both are applied when KPIs are published, so
            // the counters are re-published and no dossier is read.
            if (onChange == OnMaterialChange.Republish) await reconcileState.RequestRepublishAsync(cancellationToken);
        }
        return new StreamResult(context.Stream, Outcomes.Succeeded, context.Records, context.Pages);
    }

    private async Task<StreamResult> MotcuaAgenciesAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        for (string? cursor = null; ;)
        {
            var page = await motcua.AgenciesAsync(null, cursor, cancellationToken);
            await ArchiveAsync(context, page.Raw, cancellationToken);
            rows.AddRange(page.Items.Select(a => new TableEntity(CatalogueStore.Agencies, a.Code)
            {
                ["Name"] = a.Name, ["Level"] = a.Level.ToString(), ["Parent"] = a.ParentCode,
                ["ValidFrom"] = a.ValidFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["ValidTo"] = a.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Successor"] = a.SuccessorCode,
            }));
            if ((cursor = page.Next) is null) break;
        }
        return await SnapshotAsync(context, CatalogueStore.Agencies, rows, ["Level"], OnMaterialChange.Republish, cancellationToken);
    }

    private async Task<StreamResult> MotcuaProceduresAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var flags = new List<(string, bool, bool, DateTimeOffset)>();
        for (string? cursor = null; ;)
        {
            var page = await motcua.ProceduresAsync(null, cursor, cancellationToken);
            await ArchiveAsync(context, page.Raw, cancellationToken);
            flags.AddRange(page.Items.Select(p => (p.Code, p.FullOnline, p.OnlinePayment, p.UpdatedAt)));
            rows.AddRange(page.Items.Select(p => new TableEntity(CatalogueStore.Procedures, p.Code)
            {
                ["Name"] = p.Name, ["Field"] = p.Field, ["Lead"] = p.LeadAgencyCode, ["FullOnline"] = p.FullOnline,
                ["OnlinePayment"] = p.OnlinePayment, ["Vertical"] = p.VerticalSector, ["Fee"] = p.Fee,
                ["ProcessingDays"] = p.ProcessingDays, ["Agencies"] = string.Join(',', p.AgencyCodes),
            }));
            if ((cursor = page.Next) is null) break;
        }
        // Flags are effective-dated: a month's KPIs count a procedure by the flags it had then.
        await catalogue.RecordProcedureFlagsAsync(flags, time.GetUtcNow(), O.WriteParallelism, cancellationToken);
        return await SnapshotAsync(context, CatalogueStore.Procedures, rows, ["FullOnline", "OnlinePayment", "Vertical"], OnMaterialChange.Republish, cancellationToken);
    }

    private async Task<StreamResult> PortalCatalogueAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await portal.ProceduresAsync(pageNumber, cancellationToken);
            await ArchiveAsync(context, page.Raw, cancellationToken);
            rows.AddRange(page.Items.Select(t => new TableEntity(CatalogueStore.PortalProcedures, t.MaTTHC)
            {
                ["Name"] = t.TenTTHC, ["Field"] = t.MaLinhVuc, ["FullOnlineEligible"] = t.DuDieuKienToanTrinh,
                ["PaymentEligible"] = t.DuDieuKienThanhToanTrucTuyen, ["Published"] = t.NgayCongBo,
            }));
            if (page.Next is null) break;
        }
        return await SnapshotAsync(context, CatalogueStore.PortalProcedures, rows, [], OnMaterialChange.Nothing, cancellationToken);
    }

    private async Task<StreamResult> LgspApplicationsAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var page = await lgsp.ApplicationsAsync(cancellationToken);
        await ArchiveAsync(context, page.Raw, cancellationToken);
        var rows = page.Items.Select(a => new TableEntity(CatalogueStore.Applications, a.Id)
        {
            ["Name"] = a.Name, ["Agency"] = a.AgencyCode, ["SharesData"] = a.SharesData, ["Connected"] = a.ConnectedViaLgsp, ["LastSeen"] = a.LastSeenAt,
        }).ToList();
        return await SnapshotAsync(context, CatalogueStore.Applications, rows, [], OnMaterialChange.Nothing, cancellationToken);
    }

    private async Task<StreamResult> LgspServicesAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var page = await lgsp.ServicesAsync(cancellationToken);
        await ArchiveAsync(context, page.Raw, cancellationToken);
        var rows = page.Items.Select(s => new TableEntity(CatalogueStore.Services, s.Code)
        {
            ["Name"] = s.Name, ["Origin"] = s.Origin.ToString(), ["Status"] = s.Status.ToString(), ["Owner"] = s.OwnerAgencyCode,
            ["Consumers"] = string.Join(',', s.Consumers),
        }).ToList();
        return await SnapshotAsync(context, CatalogueStore.Services, rows, [], OnMaterialChange.Nothing, cancellationToken);
    }

    private async Task<StreamResult> LgspMonitoringAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var to = context.Window?.To ?? time.GetUtcNow();
        var from = context.Window?.From ?? to - reconciliation.Value.FailureWindow;
        var page = await lgsp.MonitoringAsync(from, to, cancellationToken);
        await ArchiveAsync(context, page.Raw, cancellationToken);
        var rows = page.Items.Select(m => new TableEntity(CatalogueStore.Monitoring, m.ServiceCode + "|" + m.ConsumerAgencyCode)
        {
            ["Service"] = m.ServiceCode, ["Consumer"] = m.ConsumerAgencyCode, ["From"] = m.From, ["To"] = m.To,
            ["Requests"] = m.Requests, ["Successes"] = m.Successes, ["Failures"] = m.Failures, ["AvgDurationMs"] = m.AvgDurationMs,
            ["LastSuccess"] = m.LastSuccessAt, ["LastFailure"] = m.LastFailureAt,
        }).ToList();
        return await SnapshotAsync(context, CatalogueStore.Monitoring, rows, [], OnMaterialChange.Nothing, cancellationToken);
    }
}
