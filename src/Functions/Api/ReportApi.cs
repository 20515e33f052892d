using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Api;

/// <summary>ICT staff only: the monthly scorecard as a file to publish (CSV or XLSX), as <c>hub report</c> writes it.</summary>
public sealed class ReportApi(ApiAccess access, ScorecardQuery scorecard)
{
    [Function("Scorecard")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "report")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAdminAsync(request, cancellationToken) is { } denied) return denied;
        var period = request.Query["period"].FirstOrDefault();
        if (!ApiInput.IsPeriod(period)) return Problems.BadRequest("invalid-period", ApiInput.PeriodProblem, "The scorecard is of a month (yyyy-MM), a quarter (yyyy-Qn) or a year (yyyy).");
        if (!ScorecardFiles.TryParse(request.Query["format"].FirstOrDefault() ?? "xlsx", out var format))
        {
            return Problems.BadRequest("invalid-format", "format must be csv or xlsx");
        }
        var card = await scorecard.ReadAsync(period!, cancellationToken);
        var file = new MemoryStream();
        ScorecardFiles.Write(card, format, file);
        Engine.Telemetry.HubMetrics.ApiAnswered(200);
        return new FileContentResult(file.ToArray(), ScorecardFiles.ContentType(format)) { FileDownloadName = ScorecardFiles.FileName(period!, format) };
    }
}
