using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Functions.Api;

/// <summary>What an agency (or ICT staff) reads about one agency: connection status, findings, KPIs, services.</summary>
public sealed class AgencyApi(ApiAccess access, ApiReadCache cache, HubStorage storage, ContinuationSeal seal, RunStore runs, CheckpointStore checkpoints, CounterStore counters, KpiStore kpiStore, TimeProvider time, ILogger<AgencyApi> logger)
{
    /// <summary>A source whose last success is older than this is Degraded even if its last run succeeded.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(2);

    /// <summary>Consecutive failed runs after which a source is Down.</summary>
    public const int DownAfterFailures = 3;

    [Function("AgencyStatus")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/status")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (denied, agencies) = await AuthorizeAsync(request, agencyCode, null, cancellationToken);
        if (denied is not null) return denied;
        return JsonAnswers.Ok(request, await cache.Status.GetAsync(agencyCode, ct => StatusAsync(agencyCode, agencies, ct), cancellationToken));
    }

    /// <summary>An agency's status as read now: its sources' connection, its applications and data services, its open findings by rule.</summary>
    private async Task<object> StatusAsync(string agencyCode, Dictionary<string, AgencyRow> agencies, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        var recent = await runs.LatestAsync(300, cancellationToken);
        var sources = new List<object>();
        foreach (var source in Sources.All)
        {
            var mine = recent.Where(r => r.Source == source && r.Status != Outcomes.Running && r.Status != "NotStarted").ToList();
            var lastSuccess = mine.FirstOrDefault(r => r.Status is Outcomes.Succeeded or Outcomes.Degraded);
            var lastFailure = mine.FirstOrDefault(r => r.Status == Outcomes.Failed);
            var consecutive = mine.TakeWhile(r => r.Status == Outcomes.Failed).Count();
            var watermark = source == Sources.Lgsp ? lastSuccess?.Ended
                : (await checkpoints.GetAsync(source == Sources.Motcua ? "motcua-dossiers" : "portal-dossiers", cancellationToken)).Watermark;
            sources.Add(new
            {
                source,
                state = SourceState(mine.FirstOrDefault()?.Status, consecutive, lastSuccess?.Ended, now),
                lastSuccess = lastSuccess?.Ended,
                lastFailure = lastFailure is null ? null : new { at = lastFailure.Ended, errorKind = lastFailure.ErrorKind },
                consecutiveFailures = consecutive,
                dataLagSeconds = watermark is { } w ? (long?)Math.Max(0, (now - w).TotalSeconds) : null,
            });
        }

        var catalogue = storage.Table(HubStorage.Catalogue);
        var applications = new List<object>();
        await foreach (var a in catalogue.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CatalogueStore.Applications} and Agency eq {agencyCode}"), cancellationToken: cancellationToken))
        {
            var connected = a.GetBoolean("Connected") ?? false;
            applications.Add(new
            {
                id = a.RowKey, name = a.GetString("Name"), sharesData = a.GetBoolean("SharesData") ?? false, connectedViaLgsp = connected,
                lastSeen = a.GetDateTimeOffset("LastSeen"), state = connected ? "Connected" : "NotConnected",
            });
        }
        var traffic = new Dictionary<string, (long Requests, long Failures)>(StringComparer.Ordinal);
        await foreach (var m in catalogue.QueryAsync<TableEntity>(e => e.PartitionKey == CatalogueStore.Monitoring, cancellationToken: cancellationToken))
        {
            var service = m.GetString("Service") ?? "";
            var t = traffic.GetValueOrDefault(service);
            traffic[service] = (t.Requests + (m.GetInt64("Requests") ?? 0), t.Failures + (m.GetInt64("Failures") ?? 0));
        }
        var services = new List<object>();
        await foreach (var s in catalogue.QueryAsync<TableEntity>(e => e.PartitionKey == CatalogueStore.Services, cancellationToken: cancellationToken))
        {
            var owner = s.GetString("Owner") == agencyCode;
            var consumer = (s.GetString("Consumers") ?? "").Split(',').Contains(agencyCode);
            if (!owner && !consumer) continue;
            var (requests, failures) = traffic.GetValueOrDefault(s.RowKey);
            var share = requests == 0 ? (double?)null : Math.Round((double)failures / requests, 4);
            services.Add(new
            {
                code = s.RowKey, name = s.GetString("Name"), origin = s.GetString("Origin"), status = s.GetString("Status"),
                role = owner ? "owner" : "consumer", requests, failures, failureShare = share,
                state = share is null ? "Idle" : share > 0.1 ? "Failing" : "Healthy",
            });
        }

        var open = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var f in storage.Table(HubStorage.Findings).QueryAsync<FindingEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {FindingEntity.PartitionOf(agencyCode)} and Status eq {FindingEntity.Open}"), select: ["Rule"], cancellationToken: cancellationToken))
        {
            open[f.Rule] = open.GetValueOrDefault(f.Rule) + 1;
        }

        var agency = agencies.GetValueOrDefault(agencyCode);
        return new
        {
            agency = new { code = agencyCode, name = agency?.Name, level = agency?.Level },
            sources,
            applications,
            dataServices = services,
            openFindings = open,
        };
    }

    /// <summary>Unknown: never ran. Down: the last <see cref="DownAfterFailures"/> runs failed. Degraded: the last run failed or was degraded, or the last success is stale. Else Healthy.</summary>
    public static string SourceState(string? lastStatus, int consecutiveFailures, DateTimeOffset? lastSuccess, DateTimeOffset now) =>
        lastStatus is null ? "Unknown"
        : consecutiveFailures >= DownAfterFailures ? "Down"
        : lastStatus != Outcomes.Succeeded || lastSuccess is null || now - lastSuccess > StaleAfter ? "Degraded"
        : "Healthy";

    [Function("AgencyFindings")]
    public async Task<IActionResult> Findings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/findings")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (denied, _) = await AuthorizeAsync(request, agencyCode, null, cancellationToken);
        if (denied is not null) return denied;
        return await FindingPages.ReadAsync(request, storage, seal, cache, agencyCode, cancellationToken);
    }

    [Function("AgencyKpis")]
    public async Task<IActionResult> Kpis(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/kpis")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (period, denied) = await PeriodAndAccessAsync(request, agencyCode, cancellationToken);
        if (denied is not null) return denied;
        return JsonAnswers.Ok(request, await cache.Kpis.GetAsync($"{agencyCode}|{period}", ct => KpiRows.ReadAsync(kpiStore, agencyCode, period, ct), cancellationToken));
    }

    [Function("AgencyServices")]
    public async Task<IActionResult> Services(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies/{agencyCode}/services")] HttpRequest request,
        string agencyCode, CancellationToken cancellationToken)
    {
        var (period, denied) = await PeriodAndAccessAsync(request, agencyCode, cancellationToken);
        if (denied is not null) return denied;

        var catalogue = storage.Table(HubStorage.Catalogue);
        var eligible = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var t in catalogue.QueryAsync<TableEntity>(e => e.PartitionKey == CatalogueStore.PortalProcedures, cancellationToken: cancellationToken))
        {
            eligible[t.RowKey] = t.GetBoolean("FullOnlineEligible") ?? false;
        }
        // The agency's activity in the period: its months' counters, summed per procedure.
        var activity = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var ((_, month), months) in (await counters.ReadAgencyAsync(agencyCode, cancellationToken)).Cells)
        {
            if (month == Contribution.AllTime || !month.StartsWith(period, StringComparison.Ordinal)) continue;
            foreach (var (code, slots) in months.Activity)
            {
                if (!activity.TryGetValue(code, out var sum)) activity[code] = sum = new long[slots.Length];
                for (var i = 0; i < slots.Length; i++) sum[i] += slots[i];
            }
        }
        var procedures = new List<object>();
        await foreach (var p in catalogue.QueryAsync<TableEntity>(e => e.PartitionKey == CatalogueStore.Procedures, cancellationToken: cancellationToken))
        {
            var receives = (p.GetString("Agencies") ?? "").Split(',').Contains(agencyCode) || p.GetString("Lead") == agencyCode;
            activity.TryGetValue(p.RowKey, out var a);
            if (!receives && a is null) continue;
            var row = a is null ? null : ProcedureActivity.FromSlots(p.RowKey, a);
            double? Share(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
            procedures.Add(new
            {
                code = p.RowKey, name = p.GetString("Name"),
                eligibleFullOnline = eligible.GetValueOrDefault(p.RowKey), providedFullOnline = p.GetBoolean("FullOnline") ?? false,
                paymentEnabled = p.GetBoolean("OnlinePayment") ?? false, verticalSector = p.GetBoolean("Vertical") ?? false,
                dossiers = row?.Dossiers ?? 0, onlineShare = Share(row?.Online ?? 0, row?.Dossiers ?? 0),
                resolved = row?.Resolved ?? 0, paidOnlineShare = Share(row?.PaidOnline ?? 0, row?.Resolved ?? 0),
            });
        }
        return JsonAnswers.Ok(request, new { agency = agencyCode, period, procedures });
    }

    /// <summary>The period asked for (default: this year), checked, and the caller's right to it.</summary>
    private async Task<(string Period, IActionResult? Denied)> PeriodAndAccessAsync(HttpRequest request, string agencyCode, CancellationToken cancellationToken)
    {
        var period = request.Query["period"].FirstOrDefault() ?? VietnamTime.Date(time.GetUtcNow()).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!ApiInput.IsPeriod(period)) return (period, Problems.BadRequest("invalid-period", "period must be yyyy-MM or yyyy", $"'{Clip(period)}' is neither."));
        var (denied, _) = await AuthorizeAsync(request, agencyCode, period, cancellationToken);
        return (period, denied);
    }

    /// <summary>401 without a valid key, 400 for a malformed code, 403 for an agency the key may not read (on the period's last day, or today).</summary>
    private async Task<(IActionResult? Denied, Dictionary<string, AgencyRow> Agencies)> AuthorizeAsync(
        HttpRequest request, string agencyCode, string? period, CancellationToken cancellationToken)
    {
        var caller = await access.AuthenticateAsync(request, cancellationToken);
        if (caller is null) return (Problems.Unauthorized(), []);
        // The key's id (never the key) and the agency asked about go with every log line of the request.
        logger.LogInformation("Agency API {Path} for {AgencyCode} by key {KeyId}", request.Path.Value, agencyCode, caller.KeyId);
        if (!AgencyCodes.IsWellFormed(agencyCode))
        {
            return (Problems.BadRequest("invalid-agency-code", "Malformed agency code", $"'{Clip(agencyCode)}' does not follow the national scheme (e.g. 000.00.01.H10)."), []);
        }
        var agencies = await access.AgenciesAsync(cancellationToken);
        var today = VietnamTime.Date(time.GetUtcNow());
        var day = period is null ? today : ApiInput.LastDayOf(period, today);
        if (!ApiAccess.MayRead(caller, agencyCode, day, agencies)) return (Problems.Forbidden(agencyCode), agencies);
        if (caller.Role == ApiRole.Admin && !agencies.ContainsKey(agencyCode)) return (Problems.NotFound($"No agency {agencyCode}"), agencies);
        return (null, agencies);
    }

    internal static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

/// <summary>KPI rows of one scope and period, with the snapshot KPIs.</summary>
public static class KpiRows
{
    public static async Task<object> ReadAsync(KpiStore store, string scope, string period, CancellationToken cancellationToken)
    {
        var kpis = new List<object>();
        var snapshot = new List<object>();
        foreach (var k in await store.ReadScopeAsync(scope, cancellationToken))
        {
            if (k.Period != period && k.Period != GroundTruthPeriods.Current) continue;
            var row = new { kpi = k.Kpi, numerator = (long?)k.Numerator, denominator = k.Denominator, value = k.Value, target = k.Target, met = k.Met };
            (k.Period == period ? kpis : snapshot).Add(row);
        }
        return new { scope, period, kpis, snapshot };
    }
}
