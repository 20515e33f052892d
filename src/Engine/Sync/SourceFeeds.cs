using System.Globalization;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// The streams of each upstream system, in the order a run reads them (catalogues before the
/// dossiers that refer to them): what to call, and what rows to make of the answers.
/// </summary>
public sealed class SourceFeeds(
    MotcuaConnector motcua, PortalConnector portal, LgspConnector lgsp, CatalogueStore catalogue,
    IOptions<SyncOptions> options, IOptions<ReconciliationOptions> reconciliation, TimeProvider time)
{
    private SyncOptions O => options.Value;

    public IReadOnlyList<Feed> For(string source) => source switch
    {
        Sources.Motcua => [MotcuaAgencies, MotcuaProcedures, MotcuaDossiers],
        Sources.Portal => [PortalCatalogue, PortalDossiers, PortalPayments, PortalFeedback],
        Sources.Lgsp => [LgspApplications, LgspServices, LgspMonitoring],
        _ => throw new ArgumentException($"Unknown source '{source}'.", nameof(source)),
    };

    /// <summary>The stream whose watermark tells how fresh a source's data is (null: the run's end).</summary>
    public static string? MainStream(string source) => source switch
    {
        Sources.Motcua => "motcua-dossiers",
        Sources.Portal => "portal-dossiers",
        _ => null,
    };

    private SnapshotFeed MotcuaAgencies => new("motcua-agencies", CatalogueStore.Agencies, CatalogueRows.AgencyMaterial, async (cursor, _, ct) =>
    {
        var page = await motcua.AgenciesAsync(null, cursor, ct);
        return FeedPage.Of(page, CatalogueRows.Agency);
    });

    // Flags are effective-dated: a month's KPIs count a procedure by the flags it had then.
    private SnapshotFeed MotcuaProcedures => new("motcua-procedures", CatalogueStore.Procedures, CatalogueRows.ProcedureMaterial, async (cursor, _, ct) =>
    {
        var page = await motcua.ProceduresAsync(null, cursor, ct);
        return FeedPage.Of(page, CatalogueRows.Procedure);
    }, (rows, ct) => catalogue.RecordProcedureFlagsAsync(rows.Select(CatalogueRows.ProcedureFlags), time.GetUtcNow(), O.WriteParallelism, ct));

    /// <summary>The case system's dossiers changed since a time, by cursor; a pass ends at the first page's server time.</summary>
    private IncrementalFeed MotcuaDossiers => new("motcua-dossiers",
        (checkpoint, window, _) => (window?.From ?? (checkpoint.Watermark is { } w ? w - O.Overlap : null), null),
        async (checkpoint, cursor, window, ct) =>
        {
            var page = await motcua.DossiersAsync(checkpoint.PassFrom, cursor, ct);
            var inWindow = page.Items.Where(d => window is null || d.UpdatedAt < window.To);
            return FeedPage.Of(page, DossierFeedRows.FromProvince, inWindow, DossierRowProblems.Of);
        });

    private SnapshotFeed PortalCatalogue => new("portal-catalogue", CatalogueStore.PortalProcedures, [], async (cursor, _, ct) =>
    {
        var page = await portal.ProceduresAsync(PageNumber(cursor), ct);
        return FeedPage.Of(page, CatalogueRows.PortalProcedure);
    });

    private IncrementalFeed PortalDossiers => PortalWindowed("portal-dossiers", async (window, number, ct) =>
    {
        var page = await portal.DossiersAsync(window, number, ct);
        return FeedPage.Of(page, DossierFeedRows.FromPortal, streamRule: DossierRowProblems.Of);
    });

    private IncrementalFeed PortalPayments => PortalWindowed("portal-payments", async (window, number, ct) =>
    {
        var page = await portal.PaymentsAsync(window, number, ct);
        return FeedPage.Of(page, DossierFeedRows.FromPayment, streamRule: DossierRowProblems.Of);
    });

    /// <summary>Citizens' feedback: rows of their own in the dossier buckets, evaluated like dossiers (<see cref="FeedbackRows"/>).</summary>
    private IncrementalFeed PortalFeedback => PortalWindowed("portal-feedback", async (window, number, ct) =>
    {
        var page = await portal.FeedbackAsync(window, number, ct);
        return FeedPage.Of(page, FeedbackRows.FromPortal, streamRule: DossierRowProblems.Of);
    });

    /// <summary>A portal list over a time window, paged by page number: from the watermark less the overlap to now.</summary>
    private IncrementalFeed PortalWindowed(string stream, Func<(DateTimeOffset, DateTimeOffset), int, CancellationToken, Task<FeedPage>> fetch) =>
        new(stream,
            (checkpoint, window, now) => (window?.From ?? (checkpoint.Watermark is { } w ? w - O.Overlap : O.InitialWatermark), window?.To.AddSeconds(-1) ?? now),
            (checkpoint, cursor, _, ct) => fetch((checkpoint.PassFrom!.Value, checkpoint.PassTo!.Value), PageNumber(cursor), ct));

    private static int PageNumber(string? cursor) => cursor is null ? 1 : int.Parse(cursor, CultureInfo.InvariantCulture);

    private SnapshotFeed LgspApplications => new("lgsp-applications", CatalogueStore.Applications, [], async (_, _, ct) =>
    {
        var page = await lgsp.ApplicationsAsync(ct);
        return FeedPage.Of(page with { Next = null }, CatalogueRows.Application);
    });

    private SnapshotFeed LgspServices => new("lgsp-services", CatalogueStore.Services, [], async (_, _, ct) =>
    {
        var page = await lgsp.ServicesAsync(ct);
        return FeedPage.Of(page with { Next = null }, CatalogueRows.Service);
    });

    /// <summary>LGSP traffic over the failure window before now (or over the backfill window).</summary>
    private SnapshotFeed LgspMonitoring => new("lgsp-monitoring", CatalogueStore.Monitoring, [], async (_, window, ct) =>
    {
        var to = window?.To ?? time.GetUtcNow();
        var from = window?.From ?? to - reconciliation.Value.FailureWindow;
        var page = await lgsp.MonitoringAsync(from, to, ct);
        return FeedPage.Of(page with { Next = null }, CatalogueRows.Monitoring);
    });
}
