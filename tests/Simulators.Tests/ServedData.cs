using System.Net.Http.Headers;
using System.Text.Json;
using IntegrationHub.Contracts.Lgsp;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;

namespace IntegrationHub.Simulators.Tests;

/// <summary>
/// Everything the three simulated systems serve at one instant, read through the NSwag-generated
/// clients over HTTP (so reading it also proves the shapes round-trip).
/// </summary>
public sealed class ServedData
{
    public required DateTimeOffset Now { get; init; }
    public required List<Agency> Agencies { get; init; }
    public required List<Procedure> Procedures { get; init; }
    public required List<Dossier> Dossiers { get; init; }
    public required List<ThuTucHanhChinh> PortalProcedures { get; init; }
    public required List<HoSo> PortalDossiers { get; init; }
    public required List<GiaoDichThanhToan> Payments { get; init; }
    public required List<PhanAnhKienNghi> Feedback { get; init; }
    public required List<Application> Applications { get; init; }
    public required List<DataService> Services { get; init; }
    public required List<MonitoringRow> Monitoring { get; init; }

    public static async Task<ServedData> ReadAsync(SimulatorServer server)
    {
        var now = await server.NowAsync();

        var motcuaHttp = server.ClientFor("motcua");
        motcuaHttp.DefaultRequestHeaders.Add("X-API-Key", SimulatorServer.MotcuaKey);
        var motcua = new MotcuaClient(motcuaHttp);
        var agencies = new List<Agency>();
        for (string? cursor = null; ;)
        {
            var page = await motcua.ListAgenciesAsync(cursor: cursor, limit: 100);
            agencies.AddRange(page.Items);
            if ((cursor = page.NextCursor) is null) break;
        }
        var procedures = new List<Procedure>();
        for (string? cursor = null; ;)
        {
            var page = await motcua.ListProceduresAsync(cursor: cursor, limit: 1000);
            procedures.AddRange(page.Items);
            if ((cursor = page.NextCursor) is null) break;
        }
        var dossiers = new List<Dossier>();
        for (string? cursor = null; ;)
        {
            var page = await motcua.ListDossiersAsync(cursor: cursor, limit: 2000);
            dossiers.AddRange(page.Items);
            if ((cursor = page.NextCursor) is null) break;
        }

        var portal = await PortalSession.LogInAsync(server);
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var portalProcedures = await portal.ListAllAsync<ThuTucHanhChinh>(PortalRequestService.LayDanhSachTTHC, null, null);
        var portalDossiers = await portal.ListAllAsync<HoSo>(PortalRequestService.LayDanhSachHoSo, from, now);
        var payments = await portal.ListAllAsync<GiaoDichThanhToan>(PortalRequestService.LayDanhSachGiaoDichThanhToan, from, now);
        var feedback = await portal.ListAllAsync<PhanAnhKienNghi>(PortalRequestService.LayDanhSachPAKN, from, now);

        var lgsp = await LgspSession.LogInAsync(server);
        var applications = (await lgsp.Client.ListApplicationsAsync()).Data;
        var services = (await lgsp.Client.ListServicesAsync()).Data;
        var monitoring = (await lgsp.Client.ListMonitoringAsync(now.AddHours(-24), now)).Data;

        return new ServedData
        {
            Now = now,
            Agencies = agencies,
            Procedures = procedures,
            Dossiers = dossiers,
            PortalProcedures = portalProcedures,
            PortalDossiers = portalDossiers,
            Payments = payments,
            Feedback = feedback,
            Applications = applications,
            Services = services,
            Monitoring = monitoring,
        };
    }
}

/// <summary>A logged-in portal client.</summary>
public sealed class PortalSession(PortalClient client, string session)
{
    public PortalClient Client { get; } = client;
    public string Session { get; } = session;

    public static async Task<PortalSession> LogInAsync(SimulatorServer server)
    {
        var client = new PortalClient(server.ClientFor("portal"));
        var login = await client.LoginAsync(SimulatorServer.PortalUnit,
            new LoginRequest { Username = SimulatorServer.PortalUser, Password = SimulatorServer.PortalPassword });
        Assert.Equal(0, login.Error_code);
        return new PortalSession(client, login.Session!);
    }

    public PortalRequest Request(PortalRequestService service) =>
        new() { Session = Session, Madonvi = SimulatorServer.PortalUnit, Service = service };

    public async Task<List<T>> ListAllAsync<T>(PortalRequestService service, DateTimeOffset? from, DateTimeOffset? to, int pageSize = 2000)
    {
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var request = Request(service);
            request.Page = page;
            request.PageSize = pageSize;
            if (from is not null) request.TuNgay = VietnamTime.ToPortal(from.Value);
            if (to is not null) request.DenNgay = VietnamTime.ToPortal(to.Value);
            var response = await Client.CallAsync(request);
            Assert.Equal(0, response.Error_code);
            all.AddRange(response.Result!.Select(item => ((JsonElement)item).Deserialize<T>()!));
            if (response.HasMore != true) return all;
        }
    }
}

/// <summary>An LGSP client holding a bearer token.</summary>
public sealed class LgspSession(LgspClient client, HttpClient http)
{
    public LgspClient Client { get; } = client;
    public HttpClient Http { get; } = http;

    public static async Task<LgspSession> LogInAsync(SimulatorServer server)
    {
        var http = server.ClientFor("lgsp");
        var client = new LgspClient(http);
        var token = await client.TokenAsync(new Body
        {
            Grant_type = "client_credentials",
            Client_id = SimulatorServer.LgspClientId,
            Client_secret = SimulatorServer.LgspClientSecret,
            Scope = "",
        });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Access_token);
        return new LgspSession(client, http);
    }
}
