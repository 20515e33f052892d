using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kpis = IntegrationHub.Contracts.Kpis;
using DocumentFormat.OpenXml.Validation;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Reports;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>The monthly scorecard: ranks, late dossiers and units, and the CSV and XLSX files, without storage.</summary>
public sealed class ScorecardTests
{
    private const string Period = "2025-09";
    private const string DeptA = "000.00.01.H38", DeptB = "000.00.02.H38", DeptC = "000.00.03.H38", Commune = "000.01.00.H38";

    private static readonly Dictionary<string, AgencyEntry> Agencies = new()
    {
        [DeptA] = new(DeptA, "Sở Tư pháp", "Department", null, new DateOnly(2020, 1, 1), null),
        [DeptB] = new(DeptB, "Sở Y tế", "Department", null, new DateOnly(2020, 1, 1), null),
        [DeptC] = new(DeptC, "Sở Xây dựng, \"Quy hoạch\"", "Department", null, new DateOnly(2020, 1, 1), null),
        [Commune] = new(Commune, "UBND xã Phú Thủy", "Commune", null, new DateOnly(2025, 7, 1), null),
    };

    private static KpiResult Row(string scope, string kpi, double? value, string period = Period) => new(scope, period, kpi, 0, 1, value, null, null);

    private static LateDossier Late(string code, string agency, DateTimeOffset received, DateTimeOffset due, DateTimeOffset? ended, bool apology) =>
        new(code, agency, "1.000001", received, due, ended, apology, AsOf);

    private static readonly DateTimeOffset AsOf = VietnamTime.At(2025, 10, 20, 9);

    private static readonly DateTimeOffset Due = VietnamTime.At(2025, 9, 10, 17);

    private static Scorecard Card() => ScorecardBuilder.Build(Period, Agencies,
        [
            Row(DeptA, Kpis.OnTimeRate, 0.975), Row(DeptA, KpiPublisher.ScoreTotal, 80), Row(DeptA, KpiPublisher.ScorePrefix + "progress", 18.4),
            Row(DeptB, Kpis.OnTimeRate, 0.9), Row(DeptB, KpiPublisher.ScoreTotal, 85),
            Row(DeptC, Kpis.OnTimeRate, 1), Row(DeptC, KpiPublisher.ScoreTotal, 80), Row(DeptC, Kpis.ClosedBeforeResult, 3),
            Row(Commune, Kpis.OnTimeRate, 0.5), Row(Commune, KpiPublisher.ScoreTotal, 40),
            Row(DeptA, Kpis.OnTimeRate, 0.1, period: "2025-08"), Row("province", Kpis.OnTimeRate, 0.9),
        ],
        [
            Late("D1", DeptA, Due.AddDays(-5), Due, Due.AddDays(3), apology: true) with { Handler = "a.cb01", HandlerName = "Nguyễn Văn An" },
            Late("D2", DeptA, Due.AddDays(-5), Due, Due.AddDays(1), apology: false) with { Handler = "a.cb01", HandlerName = "Nguyễn Văn An" },
            Late("D3", Commune, Due.AddDays(-5), Due, Due.AddHours(2), apology: false),
            // Received on 1 October in Vietnam (30 September in UTC): not September's.
            Late("D4", DeptB, VietnamTime.At(2025, 10, 1, 0, 30), Due.AddDays(25), null, apology: false),
            // Still open: late by the days from its due date to the report's clock.
            Late("D5", DeptB, Due.AddDays(-5), Due.AddDays(30), null, apology: true) with { Handler = "b.cb02" },
        ]);

    [Fact]
    public void AgenciesAreRankedWithinTheirLevel_EqualTotalsShareARank()
    {
        var card = Card();
        var ranks = card.Agencies.ToDictionary(l => l.Agency, l => l.Rank);
        Assert.Equal(1, ranks[DeptB]);
        Assert.Equal(2, ranks[DeptA]);
        Assert.Equal(2, ranks[DeptC]);
        Assert.Equal(1, ranks[Commune]);
        Assert.Equal([DeptB, DeptA, DeptC, Commune], card.Agencies.Select(l => l.Agency));
        Assert.Equal(0.975, card.Agencies.Single(l => l.Agency == DeptA).Kpis[Kpis.OnTimeRate]);
        Assert.Equal([Kpis.OnTimeRate, Kpis.ClosedBeforeResult], card.KpiColumns);
        Assert.Equal([KpiPublisher.ScorePrefix + "progress"], card.GroupColumns);
    }

    [Fact]
    public void LateDossiersAreThoseReceivedInThePeriodInVietnamTime_OpenOnesIncluded_AndUnitsCountThem()
    {
        var card = Card();
        Assert.Equal(["D1", "D2", "D5", "D3"], card.LateDossiers.Select(d => d.Code));
        Assert.Equal(3, card.LateDossiers[0].DaysLate);
        Assert.Equal(1, card.LateDossiers.Single(d => d.Code == "D3").DaysLate); // two hours late is a day late
        Assert.Equal(10, card.LateDossiers.Single(d => d.Code == "D5").DaysLate); // due 10 October, still open on 20 October
        Assert.Equal([new LateUnit(DeptA, "Sở Tư pháp", 2, 1), new LateUnit(DeptB, "Sở Y tế", 1, 0), new LateUnit(Commune, "UBND xã Phú Thủy", 1, 1)],
            card.LateUnits);
        // The officials: by the handler of each late dossier, named when the case system gives a name; D3 has no handler.
        Assert.Equal([new LateOfficial(DeptA, "a.cb01", "Nguyễn Văn An", 2, 1), new LateOfficial(DeptB, "b.cb02", "b.cb02", 1, 0)], card.LateOfficials);
    }

    [Fact]
    public void TheCsvIsUtf8WithABomAndVietnameseNumbers()
    {
        using var stream = new MemoryStream();
        ScorecardFiles.Write(Card(), ScorecardFormat.Csv, stream);
        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Kết quả chỉ tiêu và điểm Bộ chỉ số 766 (ước tính) tháng 09/2025", lines[0]);
        Assert.StartsWith("Mã cơ quan,Tên cơ quan, đơn vị,Cấp,Hồ sơ giải quyết đúng hạn (%)".Replace("Tên cơ quan, đơn vị", "\"Tên cơ quan, đơn vị\""), lines[1]);
        Assert.Equal($"{DeptA},Sở Tư pháp,\"Sở, ngành\",\"97,5\",,\"18,4\",80,2", lines[3]);
        Assert.Contains($"{DeptC},\"Sở Xây dựng, \"\"Quy hoạch\"\"\",\"Sở, ngành\",100,3,,80,2", lines);
        Assert.Contains($"D1,{DeptA},Sở Tư pháp,1.000001,05/09/2025,10/09/2025,13/09/2025,3,Có,Nguyễn Văn An", lines);
        Assert.Contains($"D5,{DeptB},Sở Y tế,1.000001,05/09/2025,10/10/2025,,10,Có,b.cb02", lines);
        Assert.Contains($"{DeptA},Sở Tư pháp,a.cb01,Nguyễn Văn An,2,1", lines);
        Assert.Contains($"{DeptA},Sở Tư pháp,2,1", lines);
    }

    [Fact]
    public void TheXlsxIsValidOpenXmlWithNumbersAndDatesAsNumbers()
    {
        using var stream = new MemoryStream();
        ScorecardFiles.Write(Card(), ScorecardFormat.Xlsx, stream);
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Xếp hạng", "Hồ sơ trễ hạn", "Đơn vị trễ hạn", "Cán bộ trễ hạn"], sheets.Select(s => s.Name!.Value));

        var ranking = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet.Descendants<Row>().ToList();
        var deptA = ranking[3].Elements<Cell>().ToList(); // title, header, then Sở Y tế ranked first
        Assert.Equal(DeptA, deptA[0].InnerText);
        Assert.Equal(0.975, double.Parse(deptA[3].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2", deptA[^1].CellValue!.Text);

        var late = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(2 + 4, late.Count);
        var result = late[2].Elements<Cell>().ElementAt(6);
        Assert.Equal(new DateTime(2025, 9, 13), DateTime.FromOADate(double.Parse(result.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
