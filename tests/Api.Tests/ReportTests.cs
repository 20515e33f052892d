using System.Globalization;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IntegrationHub.Engine.Security;
using Kpis = IntegrationHub.Contracts.Kpis;

namespace IntegrationHub.Api.Tests;

/// <summary>GET /api/report: the monthly scorecard, opened with the Open XML SDK and checked against the API's KPIs.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReportTests(DashboardFixture fixture)
{
    private const string Period = "2025-09";

    private static List<List<string?>> Rows(SpreadsheetDocument document, string sheet)
    {
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!);
        return part.Worksheet.Descendants<Row>().Skip(1)
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InnerText : c.CellValue?.Text).ToList()).ToList();
    }

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheXlsxOpensAndItsFiguresEqualTheApis()
    {
        using var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
        var response = await admin.GetAsync($"report?period={Period}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"bang-diem-{Period}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);

        var ranking = Rows(document, "Xếp hạng");
        var header = ranking[0];
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new Xunit.Sdk.XunitException($"no column {name}");
        var onTime = Column("Hồ sơ giải quyết đúng hạn (%)");
        var total = Column("Tổng điểm 766 (ước tính)");
        Assert.True(ranking.Count > 20, $"{ranking.Count - 1} agencies");
        var latest = new Dictionary<string, (long Late, long Apologised)>();
        foreach (var line in ranking.Skip(1))
        {
            var kpis = JsonDocument.Parse(await admin.GetStringAsync($"agencies/{line[0]}/kpis?period={Period}")).RootElement.GetProperty("kpis").EnumerateArray()
                .ToDictionary(k => k.GetProperty("kpi").GetString()!, k => k);
            if (kpis.TryGetValue(Kpis.OnTimeRate, out var rate) && rate.GetProperty("value").ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(rate.GetProperty("value").GetDouble(), Number(line[onTime]), 9);
            }
            Assert.Equal(kpis["score766.total"].GetProperty("value").GetDouble(), Number(line[total]), 9);
            if (kpis.TryGetValue(Kpis.LateApologyRate, out var apology))
            {
                latest[line[0]!] = (apology.GetProperty("denominator").GetInt64(), apology.GetProperty("numerator").GetInt64());
            }
        }

        // The units with late dossiers: their late dossiers (received in the month) are the apology KPI's denominator.
        var units = Rows(document, "Đơn vị trễ hạn").Skip(1).ToDictionary(r => r[0]!, r => (Late: (long)Number(r[2]), Without: (long)Number(r[3])));
        Assert.NotEmpty(units);
        Assert.Equal(latest.Where(x => x.Value.Late > 0).ToDictionary(x => x.Key, x => (x.Value.Late, x.Value.Late - x.Value.Apologised)), units);
        var late = Rows(document, "Hồ sơ trễ hạn").Skip(1).ToList();
        Assert.Equal(units.Values.Sum(u => u.Late), late.Count);
        Assert.All(late, d => Assert.True(Number(d[6]) >= Number(d[5]), $"a late dossier's result is on or after its due day: {string.Join(" | ", d)}"));

        // Every late dossier has its handler here, so the officials' late dossiers add up to their unit's.
        var officials = Rows(document, "Cán bộ trễ hạn").Skip(1).ToList();
        Assert.Equal(units.ToDictionary(u => u.Key, u => u.Value.Late),
            officials.GroupBy(o => o[0]!).ToDictionary(g => g.Key, g => g.Sum(o => (long)Number(o[4]))));
        Assert.All(officials, o => Assert.StartsWith(o[0] + ".cb", o[2]));
    }

    [Fact]
    public async Task TheCsvIsUtf8WithABom_AndOnlyStaffMayHaveIt()
    {
        using var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
        var response = await admin.GetAsync($"report?period={Period}&format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("Kết quả chỉ tiêu và điểm Bộ chỉ số 766 (ước tính) tháng 09/2025\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));

        using var agency = fixture.Hub.Client(await fixture.Hub.KeyAsync(ApiRole.Agency, "000.00.01.H38"));
        Assert.Equal(HttpStatusCode.Forbidden, (await agency.GetAsync($"report?period={Period}")).StatusCode);
        var noPeriod = await admin.GetAsync("report?format=csv");
        Assert.Equal(HttpStatusCode.BadRequest, noPeriod.StatusCode);
        Assert.Equal("application/problem+json", noPeriod.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid-format", await (await admin.GetAsync($"report?period={Period}&format=pdf")).Content.ReadAsStringAsync());
    }
}
