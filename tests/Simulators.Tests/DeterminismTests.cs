using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Simulators.Tests;

public sealed class DeterminismTests
{
    private static readonly string[] Gets =
    [
        "_sim/manifest",
        "_sim/expected-kpis",
        "motcua/api/v1/agencies?limit=5000",
        "motcua/api/v1/procedures?limit=5000",
        "motcua/api/v1/dossiers?limit=5000",
        "motcua/api/v1/dossiers?limit=3000&updatedSince=2025-06-28T00:00:00%2B07:00",
        "lgsp/api/applications",
        "lgsp/api/services",
        "lgsp/api/monitoring?from=2025-12-25T00:00:00%2B07:00&to=2026-01-01T00:00:00%2B07:00",
    ];

    private static async Task<List<byte[]>> ReadEverythingAsync(SimulatorProcess sim)
    {
        var token = await (await sim.Http.PostAsync("lgsp/token", new FormUrlEncodedContent([
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", SimulatorServer.LgspClientId),
            KeyValuePair.Create("client_secret", SimulatorServer.LgspClientSecret)]))).Content.ReadFromJsonAsync<JsonElement>();
        var bearer = token.GetProperty("access_token").GetString();

        var answers = new List<byte[]>();
        foreach (var path in Gets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
            request.Headers.Authorization = new("Bearer", bearer);
            using var response = await sim.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            answers.Add(await response.Content.ReadAsByteArrayAsync());
        }

        using var login = new HttpRequestMessage(HttpMethod.Post, "portal/login")
        {
            Content = JsonContent.Create(new { username = SimulatorServer.PortalUser, password = SimulatorServer.PortalPassword }),
        };
        login.Headers.Add("dstcode", SimulatorServer.PortalUnit);
        var session = (await (await sim.Http.SendAsync(login)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session").GetString();
        foreach (var service in new[] { "LayDanhSachTTHC", "LayDanhSachHoSo", "LayDanhSachGiaoDichThanhToan" })
        {
            for (var page = 1; page <= 2; page++)
            {
                var body = new { session, madonvi = SimulatorServer.PortalUnit, service, page, pageSize = 1000, tuNgay = "20250601000000", denNgay = "20250801000000" };
                answers.Add(await (await sim.Http.PostAsJsonAsync("portal/api", body)).Content.ReadAsByteArrayAsync());
            }
        }
        return answers;
    }

    [Fact]
    public async Task TwoProcessesWithTheSameSeedServeIdenticalBytes_AndAnotherSeedServesOthers()
    {
        string[] args = ["--seed", "77", "--dossiers", "20000"];
        List<byte[]> first, second, other;
        using (var a = await SimulatorProcess.StartAsync(args)) first = await ReadEverythingAsync(a);
        using (var b = await SimulatorProcess.StartAsync(args)) second = await ReadEverythingAsync(b);
        using (var c = await SimulatorProcess.StartAsync("--seed", "78", "--dossiers", "20000")) other = await ReadEverythingAsync(c);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.True(first[i].Length > 100, $"answer {i} is suspiciously short");
            Assert.True(first[i].AsSpan().SequenceEqual(second[i]), $"answer {i} differs between two processes with the same seed");
        }
        Assert.False(first[0].AsSpan().SequenceEqual(other[0]), "the manifest should depend on the seed");
        Assert.False(first[4].AsSpan().SequenceEqual(other[4]), "the dossiers should depend on the seed");
    }
}
