using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Contracts.Lgsp;
using IntegrationHub.Simulators.Data;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// LGSP: OAuth2 client credentials at /token, then bearer calls. Errors carry the LGSP codes seen in
/// provincial guides: 100 authentication, 101 IP not allowed, 106 agency id incorrect, 500 data incorrect.
/// </summary>
public sealed class LgspApi
{
    public const int AuthenticationError = 100;
    public const int IpNotAllowed = 101;
    public const int AgencyIncorrect = 106;
    public const int DataIncorrect = 500;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    private readonly ConcurrentDictionary<string, DateTimeOffset> tokens = new();
    private readonly SimulatorOptions options;
    private readonly DossierGenerator generator;
    private readonly Monitoring monitoring;
    private readonly SimClock clock;
    private readonly FaultState faults;
    private readonly TimeProvider time;
    private readonly HashSet<IPAddress> allowed;

    public LgspApi(SimulatorOptions options, DossierGenerator generator, Monitoring monitoring, SimClock clock, FaultState faults, TimeProvider time)
    {
        this.options = options;
        this.generator = generator;
        this.monitoring = monitoring;
        this.clock = clock;
        this.faults = faults;
        this.time = time;
        allowed = options.LgspAllowedClients.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPAddress.Parse).ToHashSet();
        faults.ExpireSessions += system =>
        {
            if (system == "lgsp") tokens.Clear();
        };
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/lgsp/token", TokenAsync);
        var api = app.MapGroup("/lgsp/api");
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (allowed.Count > 0 && (http.Connection.RemoteIpAddress is not { } ip || !allowed.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)))
            {
                return Error(StatusCodes.Status403Forbidden, IpNotAllowed, "Địa chỉ IP không được phép truy cập");
            }
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || !tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var expires) || expires <= time.GetUtcNow())
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return Error(StatusCodes.Status401Unauthorized, AuthenticationError, "Lỗi xác thực: token không hợp lệ hoặc đã hết hạn");
            }
            return await next(context);
        });
        api.MapGet("/applications", (string? agencyCode) =>
        {
            if (agencyCode is not null && generator.Province.FindAgency(agencyCode) is null)
            {
                return Error(StatusCodes.Status400BadRequest, AgencyIncorrect, "Mã đơn vị không đúng");
            }
            var now = clock.Now;
            var data = generator.Province.Applications
                .Where(a => agencyCode is null || a.AgencyCode == agencyCode)
                .Select(a => new Application
                {
                    Id = a.Id,
                    Name = a.Name,
                    AgencyCode = a.AgencyCode,
                    SharesData = a.SharesData,
                    ConnectedViaLgsp = a.Connected,
                    LastSeenAt = a.LastSeenAgo is { } ago ? DossierGenerator.Truncate(now - ago) : null,
                })
                .ToList();
            return Results.Json(new ApplicationList { Error_code = 0, Data = Listed(data) });
        });
        api.MapGet("/services", () => Results.Json(new DataServiceList
        {
            Error_code = 0,
            Data = Listed(generator.Province.DataServices.Select(s => new DataService
            {
                Code = s.Code,
                Name = s.Name,
                Origin = s.National ? ServiceOrigin.NDXP : ServiceOrigin.Provincial,
                Status = Enum.Parse<ServiceStatus>(s.Status),
                OwnerAgencyCode = s.OwnerAgencyCode,
                Consumers = s.Consumers.ToList(),
            }).ToList()),
        }));
        api.MapGet("/monitoring", (HttpRequest request) =>
        {
            var query = request.Query;
            if (!TryInstant(query["from"], out var from) || !TryInstant(query["to"], out var to) || to <= from || to - from > MaxWindow)
            {
                return Error(StatusCodes.Status400BadRequest, DataIncorrect,
                    "Dữ liệu không đúng: from và to phải là thời điểm ISO 8601 có múi giờ, from trước to, tối đa 31 ngày");
            }
            var serviceCode = query["serviceCode"].ToString();
            var services = generator.Province.DataServices.Where(s => serviceCode.Length == 0 || s.Code == serviceCode).ToList();
            if (services.Count == 0)
            {
                return Error(StatusCodes.Status400BadRequest, DataIncorrect, "Dữ liệu không đúng: không có dịch vụ này");
            }
            var now = clock.Now;
            var rows = new List<MonitoringRow>();
            foreach (var service in services)
            {
                for (var c = 0; c < service.Consumers.Count; c++)
                {
                    var t = monitoring.Sum(service, c, from, to, now);
                    rows.Add(new MonitoringRow
                    {
                        ServiceCode = service.Code,
                        ConsumerAgencyCode = t.Consumer,
                        From = from.ToVietnam(),
                        To = to.ToVietnam(),
                        Requests = t.Requests,
                        Successes = t.Successes,
                        Failures = t.Failures,
                        AvgDurationMs = t.AverageDurationMs,
                        LastSuccessAt = t.LastSuccess,
                        LastFailureAt = t.LastFailure,
                    });
                }
            }
            return Results.Json(new MonitoringList { Error_code = 0, Data = rows });
        });
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Send application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only client_credentials is supported.");
        }
        string? id = form["client_id"], secret = form["client_secret"];
        var basic = request.Headers.Authorization.ToString();
        if (basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..].Trim())).Split(':', 2);
                if (pair.Length == 2) (id, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
            }
            catch (FormatException)
            {
                return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Malformed Basic credentials.");
            }
        }
        if (!Same(id, options.LgspClientId) | !Same(secret, options.LgspClientSecret))
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
        }
        var ttl = faults.Get("lgsp").SessionTtlSeconds ?? options.LgspTokenTtlSeconds;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        tokens[token] = time.GetUtcNow().AddSeconds(ttl);
        return Results.Json(new TokenResponse { Access_token = token, Token_type = "Bearer", Expires_in = ttl });
    }

    private static bool TryInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        return !string.IsNullOrEmpty(text) && (text.EndsWith('Z') || text.Length > 6 && text[^3] == ':' && text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool Same(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new LgspError { Error_code = code, Message = message }, statusCode: status);

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new OAuthError { Error = error, Error_description = description }, statusCode: status);

    /// <summary>The list as the fault settings cut it (<see cref="FaultSettings.ListShare"/>): the first share of it.</summary>
    private List<T> Listed<T>(List<T> all)
    {
        var share = faults.Get("lgsp").ListShare;
        return share >= 1 ? all : all.Take((int)Math.Floor(all.Count * share)).ToList();
    }
}
