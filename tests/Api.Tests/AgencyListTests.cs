using System.Net;
using System.Text.Json;
using IntegrationHub.Engine.Security;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

/// <summary>GET /api/agencies (the dashboard's grid) and the dashboard's files, over real HTTP.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AgencyListTests(DashboardFixture fixture)
{
    /// <summary>A month before the July 2025 reorganisation, when agencies had agencies below them.</summary>
    internal const string BeforeTheReform = "2025-03";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>
    /// An agency with others below it in the admin's list, and the codes of those below (transitively):
    /// of the parents that leave some agency outside, the one with the most below it.
    /// </summary>
    internal static (string Parent, HashSet<string> Below) ParentAndBelow(JsonElement adminList)
    {
        var all = adminList.GetProperty("agencies").EnumerateArray().ToList();
        var parents = all.Where(a => a.GetProperty("parent").ValueKind == JsonValueKind.String)
            .ToLookup(a => a.GetProperty("parent").GetString()!, a => a.GetProperty("code").GetString()!);
        return parents.Select(g => (Parent: g.Key, Below: Below(g.Key)))
            .Where(x => x.Below.Count + 1 < all.Count)
            .OrderByDescending(x => x.Below.Count).ThenBy(x => x.Parent, StringComparer.Ordinal).First();

        HashSet<string> Below(string parent)
        {
            var below = new HashSet<string>();
            var queue = new Queue<string>([parent]);
            while (queue.TryDequeue(out var code)) foreach (var child in parents[code]) if (below.Add(child)) queue.Enqueue(child);
            return below;
        }
    }

    [Fact]
    public async Task AdminSeesEveryAgencyInForceWithLinesThatMatchTheOtherEndpoints()
    {
        using var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
        var list = await JsonAsync(await admin.GetAsync("agencies"));
        Assert.Equal("admin", list.GetProperty("caller").GetProperty("role").GetString());
        // The simulator's clock is at the first hour of 2026: the default is the latest year with KPIs.
        var periods = list.GetProperty("periods").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains("2025-12", periods);
        Assert.DoesNotContain("2026", periods);
        Assert.Equal("2025", list.GetProperty("period").GetString());
        var agencies = list.GetProperty("agencies").EnumerateArray().ToList();
        Assert.True(agencies.Count > 10, $"only {agencies.Count} agencies");

        // The line of the agency with the most open findings agrees with its status and KPIs.
        var busiest = agencies.OrderByDescending(a => a.GetProperty("openFindings").GetInt32()).First();
        var code = busiest.GetProperty("code").GetString()!;
        var status = await JsonAsync(await admin.GetAsync($"agencies/{code}/status"));
        Assert.Equal(status.GetProperty("openFindings").EnumerateObject().Sum(r => r.Value.GetInt32()), busiest.GetProperty("openFindings").GetInt32());
        Assert.True(busiest.GetProperty("openFindings").GetInt32() > 0);
        var apps = status.GetProperty("applications").EnumerateArray().ToList();
        Assert.Equal(apps.Count, busiest.GetProperty("applications").GetInt32());
        Assert.Equal(apps.Count(a => a.GetProperty("connectedViaLgsp").GetBoolean()), busiest.GetProperty("applicationsConnected").GetInt32());
        var period = list.GetProperty("period").GetString();
        var kpis = (await JsonAsync(await admin.GetAsync($"agencies/{code}/kpis?period={period}"))).GetProperty("kpis").EnumerateArray()
            .Where(k => !k.GetProperty("kpi").GetString()!.StartsWith("score766.") && k.GetProperty("met").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(kpis.Count, busiest.GetProperty("kpisJudged").GetInt32());
        Assert.Equal(kpis.Count(k => k.GetProperty("met").GetBoolean()), busiest.GetProperty("kpisMet").GetInt32());
    }

    [Fact]
    public async Task AnAgencyKeySeesItsOwnAgencyAndThoseBelowOnly()
    {
        // March 2025: districts still stood between the province and its communes.
        using var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
        var (parent, below) = ParentAndBelow(await JsonAsync(await admin.GetAsync($"agencies?period={BeforeTheReform}")));
        using var agency = fixture.Hub.Client(await fixture.Hub.KeyAsync(ApiRole.Agency, parent));
        var list = await JsonAsync(await agency.GetAsync($"agencies?period={BeforeTheReform}"));
        Assert.Equal("agency", list.GetProperty("caller").GetProperty("role").GetString());
        Assert.Equal(parent, list.GetProperty("caller").GetProperty("agency").GetString());
        var codes = list.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("code").GetString()!).ToHashSet();
        Assert.Equal([parent, .. below], codes.Order());
    }

    [Fact]
    public async Task AnAgencysStatusIsItsPublishedRow_ReadNotRecomputed()
    {
        using var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
        var code = (await JsonAsync(await admin.GetAsync("agencies"))).GetProperty("agencies").EnumerateArray()
            .OrderByDescending(a => a.GetProperty("openFindings").GetInt32()).First().GetProperty("code").GetString()!;
        var before = fixture.Hub.Storage.Operations;
        var status = await JsonAsync(await admin.GetAsync($"agencies/{code}/status"));
        // The key, the agencies (both read per request here: the cache is off), the agency's Status row and
        // the sources' rows. Recomputing it read the runs, two checkpoints, the applications, the data
        // services, the monitoring rows and the findings.
        Assert.Equal(4, fixture.Hub.Storage.Operations - before);

        var asOf = status.GetProperty("asOf").GetDateTimeOffset();
        var reconciled = (await fixture.Hub.App.Services.GetRequiredService<Engine.Storage.RunStore>().LatestAsync(50, CancellationToken.None))
            .First(r => r.Source == Engine.Sync.Sources.Reconcile && r.Status == Engine.Sync.Outcomes.Succeeded);
        Assert.InRange(asOf, reconciled.Started, reconciled.Ended!.Value);
        var open = await ApiTests.OpenFindingsOfAsync(fixture.Hub, code);
        Assert.Equal(open.GroupBy(f => f.Rule).ToDictionary(g => g.Key, g => g.Count()),
            status.GetProperty("openFindings").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetInt32()));
    }

    [Fact]
    public async Task BadCallsGetProblems()
    {
        using var anonymous = fixture.Hub.Client(null);
        var unauthorized = await anonymous.GetAsync("agencies");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);
        using var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
        var bad = await admin.GetAsync("agencies?period=2025-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("invalid-period", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheDashboardIsServedFromTheAssemblyWithItsOwnOriginOnly()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Hub.Address };
        var bare = await http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/api/dashboard/", bare.Headers.Location?.OriginalString);

        var index = await http.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single());
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"app.js\">", html);
        Assert.DoesNotContain("://", html); // nothing loaded from another origin

        var script = await http.GetAsync("dashboard/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var js = await script.Content.ReadAsStringAsync();
        Assert.Contains("Chart.js", js); // bundled at build time, not fetched from a CDN
        using var again = new HttpRequestMessage(HttpMethod.Get, "dashboard/app.js");
        again.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("dashboard/nothing.js")).StatusCode);
    }
}
