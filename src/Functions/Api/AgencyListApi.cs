using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Api;

/// <summary>
/// The agencies a key may read, each with its line of the dashboard's grid (<see cref="AgencyOverview"/>),
/// and who the caller is: ICT staff see every agency in force at some time in the period, an agency its own and
/// those below it, exactly as <see cref="ApiAccess.MayRead"/> decides for the other endpoints. The
/// period is the one asked for or, by default, this year if it has KPIs and else the latest year that
/// has; the answer lists the periods with KPIs, and each source's connection (the same for all).
/// </summary>
public sealed class AgencyListApi(ApiAccess access, ApiReadCache cache, AgencyOverviewQuery overview, AgencyStatusQuery status, KpiQuery kpis, TimeProvider time)
{
    [Function("Agencies")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "agencies")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await access.AuthenticateAsync(request, cancellationToken);
        if (caller is null) return Problems.Unauthorized();
        var today = VietnamTime.Date(time.GetUtcNow());
        var periods = await cache.Periods.GetAsync("", kpis.PeriodsAsync, cancellationToken);
        var period = request.Query["period"].FirstOrDefault() ?? KpiQuery.DefaultPeriod(periods, today.Year);
        if (!ApiInput.IsPeriod(period)) return Problems.BadRequest("invalid-period", ApiInput.PeriodProblem, $"'{AgencyApi.Clip(period)}' is none of them.");

        var agencies = await access.AgenciesAsync(cancellationToken);
        var day = ApiInput.LastDayOf(period, today);
        var lines = await cache.Overview.GetAsync(period, ct => overview.ReadAsync(agencies.Values, period, ct), cancellationToken);
        var first = ApiInput.FirstDayOf(period);
        // In force at some time in the period (a district until June 2025 is in 2025's list), and readable on its last day.
        var visible = lines.Where(a => agencies.TryGetValue(a.Code, out var entry) && entry.ValidFrom <= day && (entry.ValidTo is null || entry.ValidTo >= first)
            && ApiAccess.MayRead(caller, a.Code, day, agencies));
        return JsonAnswers.Ok(request, new
        {
            caller = new { role = caller.Role.ToString().ToLowerInvariant(), agency = caller.Role == ApiRole.Admin ? null : caller.Agency },
            period,
            periods,
            sources = await cache.Sources.GetAsync("", status.ReadSourcesAsync, cancellationToken),
            agencies = visible,
        });
    }
}
