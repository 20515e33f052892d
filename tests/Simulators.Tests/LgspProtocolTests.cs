using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts.Lgsp;

namespace IntegrationHub.Simulators.Tests;

public sealed class LgspProtocolTests : IAsyncLifetime
{
    private SimulatorServer server = null!;

    public async Task InitializeAsync() =>
        server = await SimulatorServer.StartAsync("--seed", "41", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.1");

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Task<HttpResponseMessage> TokenAsync(params (string Key, string Value)[] form) =>
        server.Http.PostAsync("lgsp/token", new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    [Fact]
    public async Task ClientCredentialsInTheFormGiveABearerTokenWithItsLifetime()
    {
        using var response = await TokenAsync(("grant_type", "client_credentials"), ("client_id", SimulatorServer.LgspClientId), ("client_secret", SimulatorServer.LgspClientSecret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task ClientCredentialsInBasicAuthAreAcceptedToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "lgsp/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SimulatorServer.LgspClientId}:{SimulatorServer.LgspClientSecret}")));
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AWrongSecretIsRefusedAsAnOAuthInvalidClient()
    {
        using var response = await TokenAsync(("grant_type", "client_credentials"), ("client_id", SimulatorServer.LgspClientId), ("client_secret", "nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnotherGrantTypeIsRefused()
    {
        using var response = await TokenAsync(("grant_type", "password"), ("client_id", SimulatorServer.LgspClientId), ("client_secret", SimulatorServer.LgspClientSecret));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task CallsWithoutATokenGetAuthenticationError100()
    {
        using var response = await server.Http.GetAsync("lgsp/api/services");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task AnExpiredTokenGetsAuthenticationError100_AndANewTokenWorks()
    {
        await server.SetFaultsAsync(new { lgsp = new { sessionTtlSeconds = 0 } });
        var expired = await LgspSession.LogInAsync(server);
        var ex = await Assert.ThrowsAsync<LgspClientException<LgspError>>(() => expired.Client.ListServicesAsync());
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(100, ex.Result.Error_code);

        await server.SetFaultsAsync(new { lgsp = new { } });
        var fresh = await LgspSession.LogInAsync(server);
        Assert.NotEmpty((await fresh.Client.ListServicesAsync()).Data);
    }

    [Fact]
    public async Task ExpiringSessionsOnDemandInvalidatesLiveTokens()
    {
        var live = await LgspSession.LogInAsync(server);
        Assert.NotEmpty((await live.Client.ListServicesAsync()).Data);
        await server.SetFaultsAsync(new { expireSessions = true });
        var ex = await Assert.ThrowsAsync<LgspClientException<LgspError>>(() => live.Client.ListServicesAsync());
        Assert.Equal(100, ex.Result.Error_code);
    }

    [Fact]
    public async Task AnUnknownAgencyGetsError106()
    {
        var session = await LgspSession.LogInAsync(server);
        var ex = await Assert.ThrowsAsync<LgspClientException<LgspError>>(() => session.Client.ListApplicationsAsync("000.99.99.H99"));
        Assert.Equal(106, ex.Result.Error_code);
    }

    [Fact]
    public async Task ApplicationsOfOneAgencyAreThatAgencysOnly()
    {
        var session = await LgspSession.LogInAsync(server);
        var all = (await session.Client.ListApplicationsAsync()).Data;
        var agency = all[0].AgencyCode;
        var mine = (await session.Client.ListApplicationsAsync(agency)).Data;
        Assert.Equal(all.Where(a => a.AgencyCode == agency).Select(a => a.Id), mine.Select(a => a.Id));
    }

    [Theory]
    [InlineData("from=2025-12-01T00:00:00%2B07:00&to=2025-11-01T00:00:00%2B07:00")]
    [InlineData("from=2025-10-01T00:00:00%2B07:00&to=2025-12-01T00:00:00%2B07:00")]
    [InlineData("from=yesterday&to=2025-12-01T00:00:00%2B07:00")]
    [InlineData("from=2025-11-01T00:00:00&to=2025-12-01T00:00:00%2B07:00")]
    [InlineData("from=2025-11-01T00:00:00%2B07:00&to=2025-12-01T00:00:00%2B07:00&serviceCode=NOPE")]
    public async Task ABadMonitoringWindowGetsDataError500(string query)
    {
        var session = await LgspSession.LogInAsync(server);
        using var response = await session.Http.GetAsync("api/monitoring?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(500, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task MonitoringSumsPerServiceAndConsumer_AndAFailingServiceStandsOut()
    {
        var session = await LgspSession.LogInAsync(server);
        var now = await server.NowAsync();
        var services = (await session.Client.ListServicesAsync()).Data;
        var rows = (await session.Client.ListMonitoringAsync(now.AddDays(-1), now)).Data;

        Assert.All(rows, r => Assert.Equal(r.Requests, r.Successes + r.Failures));
        Assert.Equal(services.Sum(s => s.Consumers.Count), rows.Count);
        var manifest = await server.ReadLinesAsync<Finding>("_sim/manifest");
        var failing = manifest.Where(f => f.Rule == "DATA_SERVICE_FAILING").Select(f => f.Subject).ToHashSet();
        Assert.NotEmpty(failing);
        foreach (var group in rows.GroupBy(r => r.ServiceCode).Where(g => g.Sum(r => r.Requests) > 0))
        {
            var share = (double)group.Sum(r => r.Failures) / group.Sum(r => r.Requests);
            if (failing.Contains(group.Key)) Assert.True(share >= 0.2, $"{group.Key}: {share}");
            else Assert.True(share <= 0.02, $"{group.Key}: {share}");
        }
        // A week's window sums the same hourly buckets as seven one-day windows.
        var week = (await session.Client.ListMonitoringAsync(now.AddDays(-7), now, services[0].Code)).Data.Sum(r => r.Requests);
        long days = 0;
        for (var d = 7; d >= 1; d--)
        {
            days += (await session.Client.ListMonitoringAsync(now.AddDays(-d), now.AddDays(-d + 1), services[0].Code)).Data.Sum(r => r.Requests);
        }
        Assert.Equal(week, days);
    }
}

public sealed class LgspIpAllowListTests
{
    [Fact]
    public async Task ACallerOutsideTheAllowListGetsError101()
    {
        await using var server = await SimulatorServer.StartAsync("--dossiers", "2000", "--procedures", "100", "--Simulator:LgspAllowedClients=10.200.0.1");
        var session = await LgspSession.LogInAsync(server);
        var ex = await Assert.ThrowsAsync<LgspClientException<LgspError>>(() => session.Client.ListServicesAsync());
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal(101, ex.Result.Error_code);
    }

    [Fact]
    public async Task ACallerOnTheAllowListIsServed()
    {
        await using var server = await SimulatorServer.StartAsync("--dossiers", "2000", "--procedures", "100", "--Simulator:LgspAllowedClients=127.0.0.1");
        var session = await LgspSession.LogInAsync(server);
        Assert.NotEmpty((await session.Client.ListServicesAsync()).Data);
    }
}
