using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Contracts.Motcua;

namespace IntegrationHub.Simulators.Tests;

public sealed class MotcuaProtocolTests : IAsyncLifetime
{
    private SimulatorServer server = null!;
    private MotcuaClient client = null!;

    public async Task InitializeAsync()
    {
        server = await SimulatorServer.StartAsync("--seed", "31", "--dossiers", "5000", "--procedures", "300");
        var http = server.ClientFor("motcua");
        http.DefaultRequestHeaders.Add("X-API-Key", SimulatorServer.MotcuaKey);
        client = new MotcuaClient(http);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<List<Dossier>> AllDossiersAsync(DateTimeOffset? since, int limit)
    {
        var all = new List<Dossier>();
        for (string? cursor = null; ;)
        {
            var page = await client.ListDossiersAsync(since, cursor, limit);
            all.AddRange(page.Items);
            if ((cursor = page.NextCursor) is null) return all;
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task AMissingOrWrongApiKeyGets401AsAProblem(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "motcua/api/v1/dossiers");
        if (key is not null) request.Headers.Add("X-API-Key", key);
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:motcua:problem:unauthorized", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task CursorPagingReturnsEveryDossierExactlyOnce()
    {
        var all = await AllDossiersAsync(null, 333);
        Assert.Equal(5000, all.Count);
        Assert.Equal(all.Count, all.Select(d => d.Code).Distinct().Count());
    }

    [Fact]
    public async Task UpdatedSinceReturnsExactlyTheDossiersChangedSinceThen()
    {
        var all = await AllDossiersAsync(null, 5000);
        var since = new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.FromHours(7));
        var changed = await AllDossiersAsync(since, 100);

        var expected = all.Where(d => d.UpdatedAt >= since).Select(d => d.Code).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Count / 2);
        Assert.Equal(expected, changed.Select(d => d.Code).Order());
    }

    [Fact]
    public async Task AdvancingTheClockBringsNewDossiersAndMovesOldOnesOn()
    {
        var before = (await AllDossiersAsync(null, 5000)).ToDictionary(d => d.Code);
        var oldNow = await server.NowAsync();

        await server.AdvanceClockAsync(48);
        var changed = await AllDossiersAsync(oldNow.AddSeconds(1), 500);

        var arrived = changed.Where(d => !before.ContainsKey(d.Code)).ToList();
        var moved = changed.Where(d => before.ContainsKey(d.Code)).ToList();
        Assert.NotEmpty(arrived);
        Assert.All(arrived, d => Assert.True(d.ReceivedAt > oldNow));
        Assert.Contains(moved, d => d.Status != before[d.Code].Status);
        Assert.All(moved, d => Assert.True(d.UpdatedAt > before[d.Code].UpdatedAt));
    }

    [Theory]
    [InlineData("dossiers?cursor=not-a-cursor", "invalid-cursor")]
    [InlineData("dossiers?limit=0", "invalid-parameter")]
    [InlineData("dossiers?limit=abc", "invalid-parameter")]
    [InlineData("dossiers?updatedSince=yesterday", "invalid-parameter")]
    [InlineData("dossiers?updatedSince=2025-01-01T00:00:00", "invalid-parameter")]
    public async Task BadParametersGet400AsAProblem(string query, string type)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "motcua/api/v1/" + query);
        request.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:motcua:problem:" + type, problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ACursorOfAnotherQueryIsRefused()
    {
        var page = await client.ListDossiersAsync(null, null, 10);
        var ex = await Assert.ThrowsAsync<MotcuaClientException<Problem>>(() =>
            client.ListDossiersAsync(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.FromHours(7)), page.NextCursor, 10));
        Assert.Equal(400, ex.StatusCode);
        var agencies = await Assert.ThrowsAsync<MotcuaClientException<Problem>>(() => client.ListAgenciesAsync(null, page.NextCursor, 10));
        Assert.Equal(400, agencies.StatusCode);
    }

    [Fact]
    public async Task AnUnknownDossierCodeGets404()
    {
        var ex = await Assert.ThrowsAsync<MotcuaClientException<Problem>>(() => client.GetDossierAsync("000.00.01.H10-250101-0000001"));
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public async Task AgenciesCarryThe2025ReorganisationAsEffectiveDatedData()
    {
        var agencies = new List<Agency>();
        for (string? cursor = null; ;)
        {
            var page = await client.ListAgenciesAsync(null, cursor, 50);
            agencies.AddRange(page.Items);
            if ((cursor = page.NextCursor) is null) break;
        }
        var byCode = agencies.ToDictionary(a => a.Code);
        var lastDay = new DateOnly(2025, 6, 30);

        var districts = agencies.Where(a => a.Level == AgencyLevel.District).ToList();
        Assert.Equal(10, districts.Count);
        Assert.All(districts, d => Assert.Equal(lastDay, d.ValidTo));

        var oldCommunes = agencies.Where(a => a.Level == AgencyLevel.Commune && a.ValidTo == lastDay).ToList();
        var newCommunes = agencies.Where(a => a.Level == AgencyLevel.Commune && a.ValidFrom == new DateOnly(2025, 7, 1)).ToList();
        Assert.Equal(121, oldCommunes.Count);
        Assert.Equal(45, newCommunes.Count);
        Assert.All(oldCommunes, c =>
        {
            Assert.Equal(AgencyLevel.District, byCode[c.ParentCode!].Level);
            Assert.Contains(newCommunes, n => n.Code == c.SuccessorCode);
        });
        Assert.All(newCommunes, c => Assert.Equal(AgencyLevel.Province, byCode[c.ParentCode!].Level));
        // Every merged commune took over at least one old commune.
        Assert.Equal(45, oldCommunes.Select(c => c.SuccessorCode).Distinct().Count());

        // The ICT department merged into Science and Technology before the province merger.
        var ict = Assert.Single(agencies, a => a.Name.StartsWith("Sở Thông tin và Truyền thông", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2025, 2, 28), ict.ValidTo);
        Assert.StartsWith("Sở Khoa học và Công nghệ", byCode[ict.SuccessorCode!].Name);
    }

    [Fact]
    public async Task ProceduresListTheAgenciesReceivingThemToday()
    {
        var page = await client.ListProceduresAsync(null, null, 1000);
        Assert.Equal(300, page.Items.Count);
        Assert.Null(page.NextCursor);
        Assert.All(page.Items.Where(p => !p.VerticalSector), p =>
        {
            Assert.NotEmpty(p.AgencyCodes);
            Assert.EndsWith(".H38", p.LeadAgencyCode);
            if (p.OnlinePayment) Assert.True(p.Fee > 0);
        });
    }
}
