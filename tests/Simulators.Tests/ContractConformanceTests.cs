using System.Net.Http.Json;
using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace IntegrationHub.Simulators.Tests;

/// <summary>
/// The simulators serve exactly the shapes of the OpenAPI documents the hub's clients are generated
/// from: every answer is validated against the document's own schema (additional properties refused).
/// </summary>
public sealed class ContractConformanceTests : IAsyncLifetime
{
    private SimulatorServer server = null!;

    public async Task InitializeAsync() =>
        server = await SimulatorServer.StartAsync("--seed", "61", "--dossiers", "3000", "--procedures", "300", "--plant-rate", "0.1");

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<OpenApiDocument> DocumentAsync(string system) =>
        await OpenApiDocument.FromJsonAsync(await server.Http.GetStringAsync($"{system}/openapi.json"));

    private static void AssertConforms(OpenApiDocument document, string schemaName, string json)
    {
        var errors = document.Components.Schemas[schemaName].Validate(json);
        Assert.True(errors.Count == 0, $"{schemaName}: " + string.Join("; ", errors.Take(5).Select(e => $"{e.Path} {e.Kind} {string.Join(",", (e as ChildSchemaValidationError)?.Errors.SelectMany(x => x.Value).Take(3).Select(x => x.Path + " " + x.Kind) ?? [])}")) + "\n" + json[..Math.Min(json.Length, 600)]);
    }

    [Fact]
    public async Task EachSystemServesTheDocumentItsClientWasGeneratedFrom()
    {
        foreach (var system in new[] { "portal", "lgsp", "motcua" })
        {
            var served = await server.Http.GetStringAsync($"{system}/openapi.json");
            var source = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "src", "Contracts", "OpenApi", system + ".json"));
            Assert.Equal(source, served);
        }
    }

    [Fact]
    public async Task CaseSystemAnswersMatchTheirSchemas()
    {
        var document = await DocumentAsync("motcua");
        using var http = server.ClientFor("motcua");
        http.DefaultRequestHeaders.Add("X-API-Key", SimulatorServer.MotcuaKey);

        AssertConforms(document, "AgencyPage", await http.GetStringAsync("api/v1/agencies?limit=500"));
        AssertConforms(document, "ProcedurePage", await http.GetStringAsync("api/v1/procedures?limit=500"));
        var page = await http.GetStringAsync("api/v1/dossiers?limit=3000");
        AssertConforms(document, "DossierPage", page);
        var first = JsonDocument.Parse(page).RootElement.GetProperty("items")[0].GetProperty("code").GetString();
        AssertConforms(document, "Dossier", await http.GetStringAsync($"api/v1/dossiers/{Uri.EscapeDataString(first!)}"));

        using var unauthorized = await server.Http.GetAsync("motcua/api/v1/dossiers");
        AssertConforms(document, "Problem", await unauthorized.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LgspAnswersMatchTheirSchemas()
    {
        var document = await DocumentAsync("lgsp");
        using var token = await server.Http.PostAsync("lgsp/token", new FormUrlEncodedContent([
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", SimulatorServer.LgspClientId),
            KeyValuePair.Create("client_secret", SimulatorServer.LgspClientSecret)]));
        var tokenJson = await token.Content.ReadAsStringAsync();
        AssertConforms(document, "TokenResponse", tokenJson);

        var session = await LgspSession.LogInAsync(server);
        var now = await server.NowAsync();
        AssertConforms(document, "ApplicationList", await session.Http.GetStringAsync("api/applications"));
        AssertConforms(document, "DataServiceList", await session.Http.GetStringAsync("api/services"));
        var window = $"from={Uri.EscapeDataString(now.AddDays(-2).ToString("o"))}&to={Uri.EscapeDataString(now.ToString("o"))}";
        AssertConforms(document, "MonitoringList", await session.Http.GetStringAsync("api/monitoring?" + window));

        using var refused = await server.Http.GetAsync("lgsp/api/services");
        AssertConforms(document, "LgspError", await refused.Content.ReadAsStringAsync());
        using var badClient = await server.Http.PostAsync("lgsp/token", new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]));
        AssertConforms(document, "OAuthError", await badClient.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PortalAnswersAndTheirItemsMatchTheirSchemas()
    {
        var document = await DocumentAsync("portal");
        async Task<string> PostAsync(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "portal/" + path) { Content = JsonContent.Create(body) };
            request.Headers.Add("dstcode", SimulatorServer.PortalUnit);
            using var response = await server.Http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }

        var login = await PostAsync("login", new { username = SimulatorServer.PortalUser, password = SimulatorServer.PortalPassword });
        AssertConforms(document, "LoginResponse", login);
        AssertConforms(document, "LoginResponse", await PostAsync("login", new { username = "x", password = "y" }));
        var session = JsonDocument.Parse(login).RootElement.GetProperty("session").GetString();

        var calls = new (string Service, string Item, object Extra)[]
        {
            ("LayDanhSachTTHC", "ThuTucHanhChinh", new { page = 1, pageSize = 500 }),
            ("LayDanhSachHoSo", "HoSo", new { page = 1, pageSize = 3000, tuNgay = "20250101000000", denNgay = "20260101000000" }),
            ("LayDanhSachGiaoDichThanhToan", "GiaoDichThanhToan", new { page = 1, pageSize = 3000, tuNgay = "20250101000000", denNgay = "20260101000000" }),
        };
        foreach (var (service, item, extra) in calls)
        {
            var body = JsonSerializer.SerializeToNode(extra)!.AsObject();
            body["session"] = session;
            body["madonvi"] = SimulatorServer.PortalUnit;
            body["service"] = service;
            var reply = await PostAsync("api", body);
            AssertConforms(document, "PortalResponse", reply);
            var items = JsonDocument.Parse(reply).RootElement.GetProperty("result");
            Assert.True(items.GetArrayLength() > 0, service);
            foreach (var element in items.EnumerateArray())
            {
                AssertConforms(document, item, element.GetRawText());
            }
        }
        AssertConforms(document, "PortalResponse", await PostAsync("api", new { session = "x", madonvi = "y", service = "LayDanhSachTTHC" }));
    }

    [Fact]
    public async Task TheValidatorRejectsAShapeThatDrifted()
    {
        // Guards the guard: a renamed field or an extra one must fail validation.
        var document = await OpenApiDocument.FromFileAsync(Path.Combine(TestPaths.RepositoryRoot(), "src", "Contracts", "OpenApi", "portal.json"));
        var good = """{"MaGiaoDich":"1","MaHoSo":"2","MaTTHC":"3","MaDonVi":"4","SoTien":5,"TrangThai":0,"NgayThanhToan":"20250101000000"}""";
        Assert.Empty(document.Components.Schemas["GiaoDichThanhToan"].Validate(good));
        Assert.NotEmpty(document.Components.Schemas["GiaoDichThanhToan"].Validate(good.Replace("SoTien", "Amount")));
        Assert.NotEmpty(document.Components.Schemas["GiaoDichThanhToan"].Validate(good.Replace("20250101000000", "2025-01-01")));
    }
}
