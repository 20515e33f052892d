using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Contracts.Portal;
using IntegrationHub.Simulators.Data;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// The national portal (DVCQG style): POST /login for a session, then POST /api naming the operation in
/// "service". Answers are HTTP 200 with an error_code, as the real portal does.
/// </summary>
public sealed class PortalApi
{
    public const int Ok = 0;
    public const int WrongCredentials = 1;
    public const int SessionExpired = 2;
    public const int UnitNotAllowed = 3;
    public const int UnknownService = 4;
    public const int InvalidParameter = 5;

    private readonly ConcurrentDictionary<string, (string Unit, DateTimeOffset Expires)> sessions = new();
    private readonly SimulatorOptions options;
    private readonly DossierGenerator generator;
    private readonly SimClock clock;
    private readonly FaultState faults;
    private readonly TimeProvider time;
    private readonly PageCache pages = new();
    private readonly HashSet<string> units;

    public PortalApi(SimulatorOptions options, DossierGenerator generator, SimClock clock, FaultState faults, TimeProvider time)
    {
        this.options = options;
        this.generator = generator;
        this.clock = clock;
        this.faults = faults;
        this.time = time;
        units = options.PortalUnitCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        faults.ExpireSessions += system =>
        {
            if (system == "portal") sessions.Clear();
        };
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/portal/login", LoginAsync);
        app.MapPost("/portal/api", CallAsync);
    }

    private async Task LoginAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (body is null) return;
        var unit = context.Request.Headers["dstcode"].ToString();
        using (body)
        {
            var root = body.RootElement;
            if (string.IsNullOrEmpty(unit) || !units.Contains(unit))
            {
                await ErrorAsync(context, UnitNotAllowed, "Mã đơn vị (dstcode) không hợp lệ");
                return;
            }
            var username = Text(root, "username");
            var password = Text(root, "password");
            if (!FixedEquals(username, options.PortalUsername) | !FixedEquals(password, options.PortalPassword))
            {
                await ErrorAsync(context, WrongCredentials, "Sai tên đăng nhập hoặc mật khẩu");
                return;
            }
        }
        var ttl = faults.Get("portal").SessionTtlSeconds ?? options.PortalSessionTtlSeconds;
        var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        sessions[session] = (unit, time.GetUtcNow().AddSeconds(ttl));
        await WriteAsync(context, w =>
        {
            w.WriteNumber("error_code", Ok);
            w.WriteString("message", "Thành công");
            w.WriteString("session", session);
        });
    }

    private async Task CallAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (body is null) return;
        using (body)
        {
            var root = body.RootElement;
            var session = Text(root, "session");
            if (session is null || !sessions.TryGetValue(session, out var entry) || entry.Expires <= time.GetUtcNow())
            {
                if (session is not null) sessions.TryRemove(session, out _);
                await ErrorAsync(context, SessionExpired, "Phiên làm việc đã hết hạn, đề nghị đăng nhập lại");
                return;
            }
            var unit = Text(root, "madonvi");
            if (unit != entry.Unit)
            {
                await ErrorAsync(context, UnitNotAllowed, "Mã đơn vị (madonvi) không khớp phiên làm việc");
                return;
            }
            var service = Text(root, "service");
            switch (service)
            {
                case "LayDanhSachTTHC":
                    await ListProceduresAsync(context, root);
                    break;
                case "LayDanhSachHoSo":
                    await ListDossiersAsync(context, root);
                    break;
                case "TraCuuHoSo":
                    await LookUpDossierAsync(context, root);
                    break;
                case "LayDanhSachGiaoDichThanhToan":
                    await ListPaymentsAsync(context, root);
                    break;
                default:
                    await ErrorAsync(context, UnknownService, "Dịch vụ không tồn tại");
                    break;
            }
        }
    }

    private async Task ListProceduresAsync(HttpContext context, JsonElement root)
    {
        if (!TryPaging(root, out var page, out var pageSize, out var problem))
        {
            await ErrorAsync(context, InvalidParameter, problem);
            return;
        }
        var listed = generator.Province.Procedures.Where(p => p.PortalListed).ToList();
        var items = listed.Skip((page - 1) * pageSize).Take(pageSize).Select(p => (object)new ThuTucHanhChinh
        {
            MaTTHC = p.Code,
            TenTTHC = p.Name,
            MaLinhVuc = p.Field,
            DuDieuKienToanTrinh = p.PortalFullOnlineEligible,
            DuDieuKienThanhToanTrucTuyen = p.PortalPaymentEligible,
            NgayCongBo = VietnamTime.ToPortal(p.PublishedAt),
        }).ToList();
        await WriteListAsync(context, "LayDanhSachTTHC", page, pageSize, items, (long)page * pageSize < listed.Count);
    }

    private async Task ListDossiersAsync(HttpContext context, JsonElement root)
    {
        if (!TryPaging(root, out var page, out var pageSize, out var problem) || !TryWindow(root, out var from, out var to, out problem))
        {
            await ErrorAsync(context, InvalidParameter, problem);
            return;
        }
        var now = clock.Now;
        var end = Math.Min(generator.VisibleCount(now), generator.VisibleCount(to));
        var first = generator.FirstIndexAtOrAfter(from - DossierGenerator.MaxLifetime - TimeSpan.FromHours(3));
        var query = $"hoso|{from.UtcTicks}|{to.UtcTicks}|{pageSize}|{now.UtcTicks}";
        var (items, more) = pages.Read(query, page, pageSize, first * 4, start => ScanDossiers(start, end, from, to, now));
        await WriteListAsync(context, "LayDanhSachHoSo", page, pageSize, items, more);
    }

    private IEnumerable<(long, object)> ScanDossiers(long start, long end, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        for (var i = start / 4; i < end; i++)
        {
            var sub = 0;
            foreach (var view in DossierGenerator.PortalViews(generator.Generate(i), now))
            {
                var position = i * 4 + sub++;
                if (position < start || view.UpdatedAt < from || view.UpdatedAt > to) continue;
                yield return (position, ToHoSo(view));
            }
        }
    }

    private async Task LookUpDossierAsync(HttpContext context, JsonElement root)
    {
        var code = Text(root, "MaHoSo");
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            await ErrorAsync(context, InvalidParameter, "Thiếu hoặc sai MaHoSo");
            return;
        }
        var now = clock.Now;
        var found = new List<object>(1);
        var lookup = code.EndsWith("-P", StringComparison.Ordinal) ? code[..^2] : code;
        if (generator.TryParseCode(lookup, now, out var facts))
        {
            found.AddRange(DossierGenerator.PortalViews(facts, now).Where(v => v.Code == code).Select(ToHoSo));
        }
        await WriteListAsync(context, "TraCuuHoSo", null, null, found, null);
    }

    private async Task ListPaymentsAsync(HttpContext context, JsonElement root)
    {
        if (!TryPaging(root, out var page, out var pageSize, out var problem) || !TryWindow(root, out var from, out var to, out problem))
        {
            await ErrorAsync(context, InvalidParameter, problem);
            return;
        }
        var now = clock.Now;
        var end = Math.Min(generator.VisibleCount(now), generator.VisibleCount(to));
        var first = generator.FirstIndexAtOrAfter(from - DossierGenerator.MaxPaymentDelay);
        var query = $"gd|{from.UtcTicks}|{to.UtcTicks}|{pageSize}|{now.UtcTicks}";
        var (items, more) = pages.Read(query, page, pageSize, first * 4, start => ScanPayments(start, end, from, to, now));
        await WriteListAsync(context, "LayDanhSachGiaoDichThanhToan", page, pageSize, items, more);
    }

    private IEnumerable<(long, object)> ScanPayments(long start, long end, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        for (var i = start / 4; i < end; i++)
        {
            var facts = generator.Generate(i);
            for (var k = 0; k < facts.Transactions.Count; k++)
            {
                var t = facts.Transactions[k];
                var position = i * 4 + k;
                if (position < start || t.PaidAt > now || t.PaidAt < from || t.PaidAt > to) continue;
                yield return (position, new GiaoDichThanhToan
                {
                    MaGiaoDich = t.Id,
                    MaHoSo = t.DossierCode,
                    MaTTHC = t.ProcedureCode,
                    MaDonVi = t.AgencyCode,
                    SoTien = t.Amount,
                    TrangThai = t.Status,
                    NgayThanhToan = VietnamTime.ToPortal(t.PaidAt),
                });
            }
        }
    }

    private static HoSo ToHoSo(PortalDossierView v) => new()
    {
        MaHoSo = v.Code,
        MaTTHC = v.Facts.Procedure.Code,
        MaDonVi = v.Facts.Agency.Code,
        KenhThucHien = (int)v.Facts.Channel,
        NgayTiepNhan = VietnamTime.ToPortal(v.Facts.Received),
        NgayHenTra = VietnamTime.ToPortal(v.Facts.Due),
        NgayTra = v.ReturnedAt is { } r ? VietnamTime.ToPortal(r) : null,
        TrangThaiHoSo = v.Status,
        NgayCapNhat = VietnamTime.ToPortal(v.UpdatedAt),
    };

    private static bool TryPaging(JsonElement root, out int page, out int pageSize, out string problem)
    {
        page = 1;
        pageSize = 100;
        problem = "";
        if (root.TryGetProperty("page", out var p) && p.ValueKind != JsonValueKind.Null && (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out page) || page < 1))
        {
            problem = "page phải là số nguyên dương";
            return false;
        }
        if (root.TryGetProperty("pageSize", out var s) && s.ValueKind != JsonValueKind.Null && (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out pageSize) || pageSize is < 1 or > 5000))
        {
            problem = "pageSize phải từ 1 đến 5000";
            return false;
        }
        return true;
    }

    private static bool TryWindow(JsonElement root, out DateTimeOffset from, out DateTimeOffset to, out string problem)
    {
        to = default;
        problem = "tuNgay và denNgay phải có dạng yyyyMMddHHmmss, tuNgay không sau denNgay";
        return VietnamTime.TryParsePortal(Text(root, "tuNgay"), out from)
            && VietnamTime.TryParsePortal(Text(root, "denNgay"), out to)
            && from <= to;
    }

    /// <summary>The real portal answers success as 0 and as "00"; which one depends on the operation and page.</summary>
    private static void WriteSuccess(Utf8JsonWriter w, string service, int? page)
    {
        if (((service.Length + (page ?? 0)) & 1) == 0) w.WriteString("error_code", "00");
        else w.WriteNumber("error_code", Ok);
        w.WriteString("message", "Thành công");
    }

    private static async Task WriteListAsync(HttpContext context, string service, int? page, int? pageSize, List<object> items, bool? hasMore)
    {
        await WriteAsync(context, w =>
        {
            WriteSuccess(w, service, page);
            w.WritePropertyName("result");
            w.WriteStartArray();
            foreach (var item in items)
            {
                JsonSerializer.Serialize(w, item, item.GetType());
            }
            w.WriteEndArray();
            if (page is not null) w.WriteNumber("page", page.Value);
            if (pageSize is not null) w.WriteNumber("pageSize", pageSize.Value);
            if (hasMore is not null) w.WriteBoolean("hasMore", hasMore.Value);
        });
    }

    private static Task ErrorAsync(HttpContext context, int code, string message) => WriteAsync(context, w =>
    {
        w.WriteNumber("error_code", code);
        w.WriteString("message", message);
    });

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Reads the JSON body; a body that is not a JSON object gets HTTP 400 with error_code 5.</summary>
    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await ErrorAsync(context, InvalidParameter, "Nội dung yêu cầu không phải JSON hợp lệ");
        return null;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool FixedEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));
}
