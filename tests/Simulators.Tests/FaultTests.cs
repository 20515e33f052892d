using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Simulators.Tests;

public sealed class FaultTests : IAsyncLifetime
{
    private SimulatorServer server = null!;

    public async Task InitializeAsync() =>
        server = await SimulatorServer.StartAsync("--seed", "51", "--dossiers", "2000", "--procedures", "100");

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<HttpResponseMessage> MotcuaAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "motcua/api/v1/agencies?limit=5");
        request.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
        return await server.Http.SendAsync(request);
    }

    private async Task<HttpStatusCode> PortalLoginStatusAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "portal/login")
        {
            Content = JsonContent.Create(new { username = SimulatorServer.PortalUser, password = SimulatorServer.PortalPassword }),
        };
        request.Headers.Add("dstcode", SimulatorServer.PortalUnit);
        using var response = await server.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task ARedirectPointsAnotherHost_AndIsNotFollowedHere()
    {
        await server.SetFaultsAsync(new { motcua = new { redirect = true } });
        try
        {
            // A client that does not follow: following would leave this machine.
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "motcua/api/v1/agencies?limit=5");
            request.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
            Assert.Equal("192.0.2.1", response.Headers.Location!.Host);
        }
        finally
        {
            await server.SetFaultsAsync(new { motcua = new { } });
        }
    }

    [Fact]
    public async Task NoFaultsAreOnByDefault()
    {
        var faults = await server.Http.GetFromJsonAsync<Dictionary<string, JsonElement>>("_sim/faults");
        Assert.Equal(["lgsp", "motcua", "portal"], faults!.Keys.Order());
        Assert.All(faults.Values, f =>
        {
            Assert.Equal(0, f.GetProperty("errorRate").GetDouble());
            Assert.False(f.GetProperty("outage").GetBoolean());
        });
        for (var i = 0; i < 20; i++)
        {
            using var response = await MotcuaAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task LatencyIsAddedToThatSystemOnly()
    {
        await server.SetFaultsAsync(new { motcua = new { latencyMs = 400 } });
        var watch = Stopwatch.StartNew();
        using (var response = await MotcuaAsync()) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 390, $"{watch.ElapsedMilliseconds} ms");

        watch.Restart();
        Assert.Equal(HttpStatusCode.OK, await PortalLoginStatusAsync());
        Assert.True(watch.ElapsedMilliseconds < 400, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AnErrorShareOfOneAnswers500_WhileOtherSystemsAndTheControlsStayUp()
    {
        await server.SetFaultsAsync(new { motcua = new { errorRate = 1.0 } });
        using (var response = await MotcuaAsync()) Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PortalLoginStatusAsync());
        using var manifest = await server.Http.GetAsync("_sim/manifest");
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
    }

    [Fact]
    public async Task AShareOfErrorsHitsAboutThatShareOfRequests()
    {
        await server.SetFaultsAsync(new { motcua = new { errorRate = 0.5 } });
        var errors = 0;
        for (var i = 0; i < 200; i++)
        {
            using var response = await MotcuaAsync();
            if (response.StatusCode == HttpStatusCode.InternalServerError) errors++;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.InRange(errors, 70, 130);
    }

    [Fact]
    public async Task ThrottlingAnswers429WithRetryAfter()
    {
        await server.SetFaultsAsync(new { motcua = new { throttleRate = 1.0, retryAfterSeconds = 7 } });
        using var response = await MotcuaAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ADroppedConnectionGivesTheClientNoAnswer()
    {
        await server.SetFaultsAsync(new { portal = new { dropRate = 1.0 } });
        await Assert.ThrowsAsync<HttpRequestException>(PortalLoginStatusAsync);
    }

    [Fact]
    public async Task ATimeoutHangsAndThenAnswers504()
    {
        await server.SetFaultsAsync(new { motcua = new { timeoutRate = 1.0, timeoutSeconds = 1 } });
        var watch = Stopwatch.StartNew();
        using var response = await MotcuaAsync();
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"{watch.Elapsed}"); // timer granularity
    }

    [Fact]
    public async Task AHangingAnswerTimesOutAClientThatWillNotWait()
    {
        await server.SetFaultsAsync(new { motcua = new { timeoutRate = 1.0, timeoutSeconds = 30 } });
        using var impatient = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "motcua/api/v1/agencies");
        request.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(request));
    }

    [Fact]
    public async Task AMalformedPageIsA200ThatDoesNotParse()
    {
        await server.SetFaultsAsync(new { motcua = new { malformedRate = 1.0 } });
        using var response = await MotcuaAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{", body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task AnOutageAnswers503ToEveryCallOfThatSystem()
    {
        await server.SetFaultsAsync(new { lgsp = new { outage = true } });
        using var token = await server.Http.PostAsync("lgsp/token", new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        using var services = await server.Http.GetAsync("lgsp/api/services");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, services.StatusCode);
        using (var response = await MotcuaAsync()) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await server.SetFaultsAsync(new { lgsp = new { } });
        using var back = await server.Http.GetAsync("lgsp/api/services");
        Assert.Equal(HttpStatusCode.Unauthorized, back.StatusCode);
    }

    [Fact]
    public async Task InvalidFaultSettingsAreRefusedAndChangeNothing()
    {
        using var response = await server.Http.PostAsJsonAsync("_sim/faults", new { motcua = new { errorRate = 0.8, throttleRate = 0.5 } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using (var ok = await MotcuaAsync()) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}

public sealed class StartupFaultTests
{
    [Fact]
    public async Task FaultsCanBeSetAtStartUp()
    {
        await using var server = await SimulatorServer.StartAsync("--dossiers", "2000", "--procedures", "100", "--Faults:motcua:ErrorRate=1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "motcua/api/v1/agencies");
        request.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
