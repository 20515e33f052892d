using System.Globalization;
using System.Text.Json;
using IntegrationHub.Engine.Security;
using Microsoft.Playwright;

namespace IntegrationHub.Api.Tests;

/// <summary>
/// The dashboard in headless Chromium against the local host with simulator data: sign-in, the
/// numbers on screen against the API's, drill-down, filters, the language toggle, what an agency key
/// may reach, a phone-sized screen. Screenshots go to TestResults/dashboard beside the test assembly.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardFixture fixture)
{
    private async Task<JsonElement> ApiAsync(string key, string path)
    {
        using var http = fixture.Hub.Client(key);
        return JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.Clone();
    }

    private async Task<IPage> SignedInAsync(string key, bool phone = false)
    {
        var page = await fixture.PageAsync(phone);
        await page.GotoAsync(fixture.Dashboard.ToString());
        await page.GetByTestId("key").FillAsync(key);
        await page.GetByTestId("signin").ClickAsync();
        await page.GetByTestId("nav-overview").WaitForAsync();
        return page;
    }

    private Task ShotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, name + ".png"), FullPage = fullPage });

    /// <summary>A number as the page shows it in Vietnamese ("97,5%", "1.234"): '.' groups thousands, ',' is the decimal mark.</summary>
    private static double Shown(string text) =>
        double.Parse(new string(text.Where(c => char.IsAsciiDigit(c) || c is ',' or '-').ToArray()).Replace(',', '.'), CultureInfo.InvariantCulture);

    [Fact]
    public async Task SignedInStaffSeeTheProvinceKpisAsTheApiAnswersThem()
    {
        var page = await SignedInAsync(fixture.Hub.AdminKey);
        var list = await ApiAsync(fixture.Hub.AdminKey, "agencies");
        var period = list.GetProperty("period").GetString();
        var view = await ApiAsync(fixture.Hub.AdminKey, $"kpis?scope=province&period={period}");
        await page.Locator("[data-testid=kpi-table] tr[data-kpi]").First.WaitForAsync();

        int checkedRows = 0, labelled = 0;
        foreach (var k in view.GetProperty("kpis").EnumerateArray().Concat(view.GetProperty("snapshot").EnumerateArray()))
        {
            var kpi = k.GetProperty("kpi").GetString()!;
            if (kpi.StartsWith("score766.", StringComparison.Ordinal) || k.GetProperty("value").ValueKind == JsonValueKind.Null) continue;
            var cell = page.Locator($"[data-testid=kpi-table] tr[data-kpi='{kpi}'] [data-field=value]");
            var value = k.GetProperty("value").GetDouble();
            var rate = k.GetProperty("denominator").ValueKind != JsonValueKind.Null;
            Assert.Equal(rate ? Math.Round(value * 100, 1) : value, Shown(await cell.TextContentAsync() ?? ""), 6);
            // The target names the plan it comes from; a count's target reads as a floor unless lower is better.
            var target = page.Locator($"[data-testid=kpi-table] tr[data-kpi='{kpi}'] [data-field=target]");
            if (k.GetProperty("targetPlan").GetString() is { } plan)
            {
                Assert.Equal(plan, await target.GetAttributeAsync("title"));
                labelled++;
            }
            if (!rate && k.GetProperty("target").ValueKind == JsonValueKind.Number)
            {
                Assert.StartsWith(k.GetProperty("atMost").GetBoolean() ? "≤" : "≥", await target.TextContentAsync() ?? "");
            }
            checkedRows++;
        }
        Assert.True(checkedRows >= 8, $"only {checkedRows} KPIs compared");
        Assert.True(labelled >= 8, $"only {labelled} targets name their plan");
        var total = view.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == "score766.total");
        Assert.Equal(Math.Round(total.GetProperty("value").GetDouble(), 1),
            Shown(await page.Locator("[data-testid=score-table] tr[data-kpi='score766.total'] [data-field=value]").TextContentAsync() ?? ""), 6);

        // The first screen as the README shows it (docs/images/dashboard.png).
        await page.Locator("[data-testid=trend-chart] canvas").WaitForAsync();
        await page.Locator("[data-testid=kpi-chart] canvas").WaitForAsync();
        await ShotAsync(page, "overview", fullPage: false);

        // The grid shows the worst 30 first, then all on request.
        var agencies = list.GetProperty("agencies").GetArrayLength();
        Assert.True(agencies > 30, $"{agencies} agencies");
        Assert.Equal(30, await page.Locator("[data-testid=agency-grid] a.tile").CountAsync());
        await page.GetByTestId("grid-all").ClickAsync();
        Assert.Equal(agencies, await page.Locator("[data-testid=agency-grid] a.tile").CountAsync());
        Assert.True(await page.GetByTestId("grid-all").IsHiddenAsync());
        // Which sources are down, on the first page.
        Assert.Equal(list.GetProperty("sources").EnumerateArray().Select(x => $"{x.GetProperty("source").GetString()}:{x.GetProperty("state").GetString()}"),
            await page.Locator("[data-testid=sources-table] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.source + ':' + r.dataset.state)"));
        Assert.Equal(3, list.GetProperty("sources").GetArrayLength());
        await ShotAsync(page, "overview-full");
    }

    [Fact]
    public async Task AnAgencyOpensFromTheGridAndItsFindingsFilterByRuleAndStatus()
    {
        var page = await SignedInAsync(fixture.Hub.AdminKey);
        var list = await ApiAsync(fixture.Hub.AdminKey, "agencies");
        var busiest = list.GetProperty("agencies").EnumerateArray().OrderByDescending(a => a.GetProperty("openFindings").GetInt32()).First();
        var code = busiest.GetProperty("code").GetString()!;
        // Found by the grid's filter (by code), then opened.
        await page.GetByTestId("grid-filter").FillAsync(code);
        Assert.Equal(1, await page.Locator("[data-testid=agency-grid] a.tile").CountAsync());
        await page.Locator($"[data-testid=agency-grid] a.tile[data-agency='{code}']").ClickAsync();
        Assert.Equal(busiest.GetProperty("name").GetString(), await page.GetByTestId("agency-title").TextContentAsync());

        // The weekly due review: the API's overdue dossiers, then those due soon, in its order.
        var due = await ApiAsync(fixture.Hub.AdminKey, $"agencies/{code}/due");
        var listed = due.GetProperty("overdue").EnumerateArray().Select(d => "overdue:" + d.GetProperty("code").GetString())
            .Concat(due.GetProperty("dueSoon").EnumerateArray().Select(d => "dueSoon:" + d.GetProperty("code").GetString())).ToList();
        await page.GetByTestId("agency-title").WaitForAsync();
        if (listed.Count > 0)
        {
            Assert.Equal(listed, await page.Locator("[data-testid=due-table] tr[data-dossier]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind + ':' + r.dataset.dossier)"));
        }
        else
        {
            Assert.Equal(0, await page.GetByTestId("due-table").CountAsync());
        }

        var status = await ApiAsync(fixture.Hub.AdminKey, $"agencies/{code}/status");
        var open = status.GetProperty("openFindings").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetInt32());
        var rows = page.Locator("[data-testid=open-by-rule] tr[data-rule]");
        Assert.Equal(open.Count, await rows.CountAsync());
        foreach (var (rule, count) in open)
        {
            Assert.Equal(count, Shown(await page.Locator($"[data-testid=open-by-rule] tr[data-rule='{rule}'] td").TextContentAsync() ?? ""));
        }
        await ShotAsync(page, "agency");

        var (firstRule, firstCount) = open.First();
        await page.Locator($"[data-testid=open-by-rule] tr[data-rule='{firstRule}'] a").ClickAsync();
        await page.Locator($"[data-testid=finding-table][data-query='{code}|{firstRule}|open'][data-loaded]").WaitForAsync();
        var shown = page.Locator("[data-testid=finding-table] tbody tr");
        Assert.Equal(Math.Min(firstCount, 100), await shown.CountAsync());
        Assert.All(await shown.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.rule + '|' + r.dataset.agency)"), r => Assert.Equal($"{firstRule}|{code}", r));

        // Open and resolved together: the page asks the API with status=all and shows what it answers.
        await page.GetByTestId("filter-status").SelectOptionAsync("all");
        await page.Locator("[data-testid=finding-filters] button").ClickAsync();
        await page.Locator($"[data-testid=finding-table][data-query='{code}|{firstRule}|all'][data-loaded]").WaitForAsync();
        var all = await ApiAsync(fixture.Hub.AdminKey, $"findings?agency={code}&rule={firstRule}&status=all&pageSize=100");
        Assert.Equal(all.GetProperty("items").GetArrayLength(), await shown.CountAsync());
    }

    [Fact]
    public async Task TheLanguageToggleSwitchesBetweenVietnameseAndEnglish()
    {
        var page = await SignedInAsync(fixture.Hub.AdminKey);
        Assert.Equal("Tổng quan", await page.GetByTestId("nav-overview").TextContentAsync());
        Assert.Equal("vi", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await page.GetByTestId("lang-toggle").ClickAsync();
        await page.GetByTestId("nav-overview").Filter(new LocatorFilterOptions { HasText = "Overview" }).WaitForAsync();
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await page.Locator("[data-testid=kpi-table] thead").Filter(new LocatorFilterOptions { HasText = "Target" }).WaitForAsync();
        await ShotAsync(page, "overview-en");
        await page.GetByTestId("lang-toggle").ClickAsync();
        await page.GetByTestId("nav-overview").Filter(new LocatorFilterOptions { HasText = "Tổng quan" }).WaitForAsync();
        await page.Locator("[data-testid=kpi-table] thead").Filter(new LocatorFilterOptions { HasText = "Mục tiêu" }).WaitForAsync();
    }

    [Fact]
    public async Task AnAgencyKeyReachesItsOwnAgenciesAndNoOther()
    {
        var before = AgencyListTests.BeforeTheReform;
        var (parent, below) = AgencyListTests.ParentAndBelow(await ApiAsync(fixture.Hub.AdminKey, $"agencies?period={before}"));
        var key = await fixture.Hub.KeyAsync(ApiRole.Agency, parent);
        var page = await SignedInAsync(key);
        await page.GetByTestId("period").SelectOptionAsync(before);
        await page.Locator($"[data-testid=agency-grid][data-period='{before}'] a.tile[data-agency='{parent}']").WaitForAsync();
        var tiles = await page.Locator("[data-testid=agency-grid] a.tile").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.agency)");
        Assert.Equal([parent, .. below], tiles.Order());
        Assert.Equal(0, await page.GetByTestId("nav-runs").CountAsync());

        var admin = await ApiAsync(fixture.Hub.AdminKey, $"agencies?period={before}");
        var other = admin.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("code").GetString()!).First(c => c != parent && !below.Contains(c));
        await page.GotoAsync($"{fixture.Dashboard}#/agency/{other}");
        Assert.Equal("Khóa này không được xem cơ quan này.", await page.GetByTestId("error").TextContentAsync());
        await ShotAsync(page, "agency-forbidden");

        // The findings page offers the agencies of the key's list, and no other.
        await page.GotoAsync($"{fixture.Dashboard}#/findings");
        await page.Locator("[data-testid=finding-table][data-loaded]").WaitForAsync();
        var choices = await page.GetByTestId("filter-agency").Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var mine = (await ApiAsync(key, "agencies")).GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("code").GetString()!);
        Assert.Equal(mine.Order(), choices.Order());
        Assert.DoesNotContain(other, choices);
    }

    [Fact]
    public async Task AWrongKeyIsRefusedAndNotKept()
    {
        var page = await fixture.PageAsync();
        await page.GotoAsync(fixture.Dashboard.ToString());
        await page.GetByTestId("key").FillAsync("not-a-key");
        await page.GetByTestId("signin").ClickAsync();
        await page.GetByTestId("signin-error").Filter(new LocatorFilterOptions { HasText = "Khóa không hợp lệ" }).WaitForAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('hub.apiKey')"));
        Assert.Equal(0, await page.GetByTestId("nav-overview").CountAsync());
    }

    [Fact]
    public async Task APageStillLoadingDoesNotDrawOverTheOneAskedForSince()
    {
        var page = await fixture.PageAsync(false);
        // The overview's KPIs answer slowly; the findings, asked for meanwhile, must stay on screen.
        await page.RouteAsync(new System.Text.RegularExpressions.Regex(@"/api/kpis\?"), async route =>
        {
            await Task.Delay(1500);
            await route.ContinueAsync();
        });
        await page.GotoAsync(fixture.Dashboard.ToString());
        await page.GetByTestId("key").FillAsync(fixture.Hub.AdminKey);
        var slowKpis = page.WaitForResponseAsync(new System.Text.RegularExpressions.Regex(@"/api/kpis\?"));
        await page.GetByTestId("signin").ClickAsync();
        await page.GetByTestId("nav-findings").ClickAsync();
        await page.Locator("[data-testid=finding-table][data-loaded]").WaitForAsync();
        // The overview's answer has come back whole (the overview asks for nothing after it): this page
        // reads nothing more while the collection's next test counts the hub's storage operations.
        await (await slowKpis).FinishedAsync();
        Assert.Equal(1, await page.Locator("[data-testid=finding-table]").CountAsync());
        Assert.Equal(0, await page.GetByTestId("kpi-chart").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheFindingFiltersOfferEveryRuleAndTheRunsPageShowsTheApisRuns()
    {
        var page = await SignedInAsync(fixture.Hub.AdminKey);
        await page.GetByTestId("nav-findings").ClickAsync();
        await page.Locator("[data-testid=finding-table][data-loaded]").WaitForAsync(); // the findings page, drawn
        var rules = await page.GetByTestId("filter-rule").Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value).filter(v => v)");
        Assert.Equal(Rules.All, rules);

        await page.GetByTestId("nav-runs").ClickAsync();
        await page.GetByTestId("run-table").WaitForAsync();
        var runs = (await ApiAsync(fixture.Hub.AdminKey, "sync/runs?count=100")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()).ToList();
        var shown = await page.Locator("[data-testid=run-table] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.run)");
        Assert.Equal(runs, shown);
        await ShotAsync(page, "runs");
    }

    [Fact]
    public async Task StaffDownloadTheScorecardOfThePeriodShown()
    {
        var page = await SignedInAsync(fixture.Hub.AdminKey);
        await page.GetByTestId("period").SelectOptionAsync("2025-09");
        await page.WaitForURLAsync(url => url.Contains("period=2025-09", StringComparison.Ordinal));
        var button = page.Locator("[data-testid=report-xlsx][data-period='2025-09']"); // the page as drawn for the month
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.Equal("bang-diem-2025-09.xlsx", download.SuggestedFilename);
        var path = Path.Combine(fixture.Screenshots, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        Assert.Equal(["Xếp hạng", "Hồ sơ trễ hạn", "Đơn vị trễ hạn", "Cán bộ trễ hạn"],
            document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public async Task OnAPhoneThePageFitsTheScreenWidth()
    {
        var page = await SignedInAsync(fixture.Hub.AdminKey, phone: true);
        await page.Locator("[data-testid=kpi-chart] canvas").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the overview scrolls sideways on a phone");
        await ShotAsync(page, "overview-phone");
    }
}
