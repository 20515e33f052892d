using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;
using IntegrationHub.Simulators.Data;

namespace IntegrationHub.Simulators.Tests;

public sealed class PortalProtocolTests : IAsyncLifetime
{
    private SimulatorServer server = null!;

    public async Task InitializeAsync() =>
        server = await SimulatorServer.StartAsync("--seed", "21", "--dossiers", "3000", "--procedures", "300");

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<JsonElement> PostAsync(string path, object body, string? dstcode = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "portal/" + path) { Content = JsonContent.Create(body) };
        if (dstcode is not null) request.Headers.Add("dstcode", dstcode);
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int Code(JsonElement reply) => reply.GetProperty("error_code") is var e && e.ValueKind == JsonValueKind.String
        ? int.Parse(e.GetString()!) : e.GetInt32();

    [Fact]
    public async Task LoginWithTheRightCredentialsGivesASession()
    {
        var reply = await PostAsync("login", new { username = SimulatorServer.PortalUser, password = SimulatorServer.PortalPassword }, SimulatorServer.PortalUnit);
        Assert.Equal(0, Code(reply));
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("session").GetString()));
    }

    [Fact]
    public async Task WrongPasswordIsRefusedWithErrorCodeOne_NotAServerError()
    {
        var reply = await PostAsync("login", new { username = SimulatorServer.PortalUser, password = "nope" }, SimulatorServer.PortalUnit);
        Assert.Equal(PortalApiCodes.WrongCredentials, Code(reply));
        Assert.False(reply.TryGetProperty("session", out _));
    }

    [Fact]
    public async Task LoginWithoutAUnitCodeIsRefusedWithErrorCodeThree()
    {
        var reply = await PostAsync("login", new { username = SimulatorServer.PortalUser, password = SimulatorServer.PortalPassword });
        Assert.Equal(PortalApiCodes.UnitNotAllowed, Code(reply));
    }

    [Fact]
    public async Task AnUnknownSessionGetsTheSessionExpiredCode()
    {
        var reply = await PostAsync("api", new { session = "forged", madonvi = SimulatorServer.PortalUnit, service = "LayDanhSachTTHC" });
        Assert.Equal(PortalApiCodes.SessionExpired, Code(reply));
    }

    [Fact]
    public async Task AnExpiredSessionGetsTheSessionExpiredCode_AndLoggingInAgainWorks()
    {
        await server.SetFaultsAsync(new { portal = new { sessionTtlSeconds = 0 } });
        var expiring = await PortalSession.LogInAsync(server);
        var refused = await expiring.Client.CallAsync(expiring.Request(PortalRequestService.LayDanhSachTTHC));
        Assert.Equal(PortalApiCodes.SessionExpired, refused.Error_code);

        await server.SetFaultsAsync(new { portal = new { } });
        var fresh = await PortalSession.LogInAsync(server);
        var accepted = await fresh.Client.CallAsync(fresh.Request(PortalRequestService.LayDanhSachTTHC));
        Assert.Equal(0, accepted.Error_code);
        Assert.NotEmpty(accepted.Result!);
    }

    [Fact]
    public async Task SuccessArrivesBothAsTheNumberZeroAndAsTheStringDoubleZero()
    {
        var session = await PortalSession.LogInAsync(server);
        var forms = new HashSet<JsonValueKind>();
        for (var page = 1; page <= 4; page++)
        {
            var reply = await PostAsync("api", new { session = session.Session, madonvi = SimulatorServer.PortalUnit, service = "LayDanhSachTTHC", page, pageSize = 10 });
            var code = reply.GetProperty("error_code");
            forms.Add(code.ValueKind);
            Assert.True(code.ValueKind == JsonValueKind.Number ? code.GetInt32() == 0 : code.GetString() == "00");
        }
        Assert.True(forms.SetEquals([JsonValueKind.Number, JsonValueKind.String]), string.Join(",", forms));

        // The generated client reads both forms as 0.
        for (var page = 1; page <= 2; page++)
        {
            var request = session.Request(PortalRequestService.LayDanhSachTTHC);
            request.Page = page;
            request.PageSize = 10;
            Assert.Equal(0, (await session.Client.CallAsync(request)).Error_code);
        }
    }

    [Fact]
    public async Task DatesAreVietnamTimeInTheCompactFormat_AndAgreeWithTheProvince()
    {
        var session = await PortalSession.LogInAsync(server);
        var request = session.Request(PortalRequestService.LayDanhSachHoSo);
        request.TuNgay = "20250301000000";
        request.DenNgay = "20250331235959";
        request.PageSize = 50;
        var reply = await session.Client.CallAsync(request);
        var hoSo = reply.Result!.Select(r => ((JsonElement)r).Deserialize<HoSo>()!).ToList();
        Assert.NotEmpty(hoSo);

        var motcuaHttp = server.ClientFor("motcua");
        motcuaHttp.DefaultRequestHeaders.Add("X-API-Key", SimulatorServer.MotcuaKey);
        var motcua = new MotcuaClient(motcuaHttp);
        foreach (var item in hoSo.Take(10))
        {
            Assert.Matches("^[0-9]{14}$", item.NgayTiepNhan);
            var dossier = await motcua.GetDossierAsync(item.MaHoSo);
            Assert.Equal(dossier.ReceivedAt.ToOffset(TimeSpan.FromHours(7)).ToString("yyyyMMddHHmmss"), item.NgayTiepNhan);
            Assert.True(VietnamTime.TryParsePortal(item.NgayCapNhat, out var updated));
            Assert.InRange(updated, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2025, 3, 31, 23, 59, 59, TimeSpan.FromHours(7)));
        }
    }

    [Fact]
    public async Task PagesOfAWindowHoldEveryDossierOfThatWindowExactlyOnce()
    {
        var session = await PortalSession.LogInAsync(server);
        var from = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var to = new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var small = await session.ListAllAsync<HoSo>(PortalRequestService.LayDanhSachHoSo, from, to, pageSize: 37);
        var whole = await session.ListAllAsync<HoSo>(PortalRequestService.LayDanhSachHoSo, from, to, pageSize: 5000);

        Assert.True(whole.Count > 100, $"only {whole.Count} dossiers in the window");
        Assert.Equal(small.Count, small.Select(h => h.MaHoSo).Distinct().Count());
        Assert.Equal(whole.Select(h => h.MaHoSo).Order(), small.Select(h => h.MaHoSo).Order());
        Assert.All(whole, h =>
        {
            Assert.True(VietnamTime.TryParsePortal(h.NgayCapNhat, out var updated));
            Assert.InRange(updated, from, to);
        });

        // Page 3 asked for directly (no earlier pages read in this query) is the same as when read in order.
        var request = session.Request(PortalRequestService.LayDanhSachHoSo);
        request.TuNgay = VietnamTime.ToPortal(from);
        request.DenNgay = VietnamTime.ToPortal(to);
        request.Page = 3;
        request.PageSize = 41;
        var third = (await session.Client.CallAsync(request)).Result!.Select(r => ((JsonElement)r).Deserialize<HoSo>()!.MaHoSo);
        var inOrder = await session.ListAllAsync<HoSo>(PortalRequestService.LayDanhSachHoSo, from, to, pageSize: 41);
        Assert.Equal(inOrder.Skip(82).Take(41).Select(h => h.MaHoSo), third);
    }

    [Fact]
    public async Task PaymentTransactionsOfAWindowCarryTheirDossierAndUnit()
    {
        var session = await PortalSession.LogInAsync(server);
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var payments = await session.ListAllAsync<GiaoDichThanhToan>(PortalRequestService.LayDanhSachGiaoDichThanhToan, from, from.AddMonths(2));
        Assert.NotEmpty(payments);
        Assert.Contains(payments, p => p.TrangThai == 0);
        Assert.All(payments, p =>
        {
            Assert.StartsWith(p.MaDonVi, p.MaHoSo);
            Assert.True(p.SoTien > 0);
        });
    }

    [Fact]
    public async Task TraCuuHoSoFindsOneDossier_AndAnUnknownCodeGivesAnEmptyResult()
    {
        var session = await PortalSession.LogInAsync(server);
        var any = (await session.ListAllAsync<HoSo>(PortalRequestService.LayDanhSachHoSo,
            new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2025, 2, 2, 0, 0, 0, TimeSpan.FromHours(7)))).First();

        var request = session.Request(PortalRequestService.TraCuuHoSo);
        request.MaHoSo = any.MaHoSo;
        var found = await session.Client.CallAsync(request);
        Assert.Equal(any.MaHoSo, ((JsonElement)Assert.Single(found.Result!)).Deserialize<HoSo>()!.MaHoSo);

        request.MaHoSo = "000.00.01.H10-250101-9999999";
        var missing = await session.Client.CallAsync(request);
        Assert.Equal(0, missing.Error_code);
        Assert.Empty(missing.Result!);
    }

    [Theory]
    [InlineData("NoSuchOperation", null, null, PortalApiCodes.UnknownService)]
    [InlineData("LayDanhSachHoSo", "2025-01-01", "20250201000000", PortalApiCodes.InvalidParameter)]
    [InlineData("LayDanhSachHoSo", "20250301000000", "20250201000000", PortalApiCodes.InvalidParameter)]
    [InlineData("LayDanhSachGiaoDichThanhToan", null, null, PortalApiCodes.InvalidParameter)]
    public async Task BadOperationsAndParametersGetTheirErrorCodes(string service, string? tuNgay, string? denNgay, int expected)
    {
        var session = await PortalSession.LogInAsync(server);
        var reply = await PostAsync("api", new { session = session.Session, madonvi = SimulatorServer.PortalUnit, service, tuNgay, denNgay });
        Assert.Equal(expected, Code(reply));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonGetsBadRequest()
    {
        using var response = await server.Http.PostAsync("portal/api", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PortalApiCodes.InvalidParameter, Code(reply));
    }
}

/// <summary>The portal's error codes, as documented in portal.json.</summary>
public static class PortalApiCodes
{
    public const int WrongCredentials = 1;
    public const int SessionExpired = 2;
    public const int UnitNotAllowed = 3;
    public const int UnknownService = 4;
    public const int InvalidParameter = 5;
}
