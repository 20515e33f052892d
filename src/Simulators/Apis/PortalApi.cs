using System.Text.Json;
using IntegrationHub.Contracts.Portal;
using IntegrationHub.Simulators.Data;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// The national portal (DVCQG style): POST /login for a session (<see cref="PortalSessions"/>), then POST /api
/// naming the operation in "service". Answers are HTTP 200 with an error_code, as the real portal does.
/// </summary>
public sealed class PortalApi
{
    public const int Ok = 0;
    public const int WrongCredentials = 1;
    public const int SessionExpired = 2;
    public const int UnitNotAllowed = 3;
    public const int UnknownService = 4;
    public const int InvalidParameter = 5;

    private readonly PortalSessions sessions;
    private readonly SimulatorOptions options;
    private readonly DossierGenerator generator;
    private readonly SimClock clock;
    private readonly FaultState faults;
    private readonly PageCache pages = new();

    public PortalApi(PortalSessions sessions, SimulatorOptions options, DossierGenerator generator, SimClock clock, FaultState faults)
    {
        this.sessions = sessions;
        this.options = options;
        this.generator = generator;
        this.clock = clock;
        this.faults = faults;
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/portal/login", sessions.LoginAsync);
        app.MapPost("/portal/api", CallAsync);
    }

    private async Task CallAsync(HttpContext context)
    {
        var body = await PortalWire.ReadBodyAsync(context);
        if (body is null) return;
        using (body)
        {
            var root = body.RootElement;
            if (!await sessions.AdmitAsync(context, root)) return;
            var service = PortalWire.Text(root, "service");
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
                case "LayDanhSachPAKN":
                    await ListFeedbackAsync(context, root);
                    break;
                default:
                    await PortalWire.ErrorAsync(context, UnknownService, "Dịch vụ không tồn tại");
                    break;
            }
        }
    }

    private async Task ListProceduresAsync(HttpContext context, JsonElement root)
    {
        if (!PortalWire.TryPaging(root, out var page, out var pageSize, out var problem))
        {
            await PortalWire.ErrorAsync(context, InvalidParameter, problem);
            return;
        }
        var listed = generator.Province.Procedures.Where(p => p.PortalListed).Concat(generator.Province.UnconfiguredProcedures).ToList();
        var items = listed.Skip((page - 1) * pageSize).Take(pageSize).Select(p => (object)new ThuTucHanhChinh
        {
            MaTTHC = p.Code,
            TenTTHC = p.Name,
            MaLinhVuc = p.Field,
            DuDieuKienToanTrinh = p.PortalFullOnlineEligible,
            DuDieuKienThanhToanTrucTuyen = p.PortalPaymentEligible,
            DuDieuKienMotPhan = p.PortalPartialEligible ? true : null,
            NgayCongBo = VietnamTime.ToPortal(p.PublishedAt),
        }).ToList();
        await PortalWire.WriteListAsync(context, "LayDanhSachTTHC", page, pageSize, items, (long)page * pageSize < listed.Count);
    }

    private async Task ListDossiersAsync(HttpContext context, JsonElement root)
    {
        if (!PortalWire.TryPaging(root, out var page, out var pageSize, out var problem) || !PortalWire.TryWindow(root, out var from, out var to, out problem))
        {
            await PortalWire.ErrorAsync(context, InvalidParameter, problem);
            return;
        }
        var now = clock.Now;
        var end = Math.Min(generator.VisibleCount(now), generator.VisibleCount(to));
        var first = generator.FirstIndexAtOrAfter(from - DossierGenerator.MaxLifetime - TimeSpan.FromHours(3));
        var query = $"hoso|{from.UtcTicks}|{to.UtcTicks}|{pageSize}|{now.UtcTicks}";
        var (items, more) = pages.Read(query, page, pageSize, first * 4, start => ScanDossiers(start, end, from, to, now));
        await PortalWire.WriteListAsync(context, "LayDanhSachHoSo", page, pageSize, items, more);
    }

    private IEnumerable<(long, object)> ScanDossiers(long start, long end, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        for (var i = start / 4; i < end; i++)
        {
            var sub = 0;
            foreach (var view in DossierViews.PortalViews(generator.Generate(i), now))
            {
                var position = i * 4 + sub++;
                if (position < start || view.UpdatedAt < from || view.UpdatedAt > to) continue;
                yield return (position, ToHoSo(view));
            }
        }
    }

    private async Task LookUpDossierAsync(HttpContext context, JsonElement root)
    {
        var code = PortalWire.Text(root, "MaHoSo");
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            await PortalWire.ErrorAsync(context, InvalidParameter, "Thiếu hoặc sai MaHoSo");
            return;
        }
        var now = clock.Now;
        var found = new List<object>(1);
        var lookup = code.EndsWith("-P", StringComparison.Ordinal) ? code[..^2] : code;
        if (generator.TryParseCode(lookup, now, out var facts))
        {
            found.AddRange(DossierViews.PortalViews(facts, now).Where(v => v.Code == code).Select(ToHoSo));
        }
        await PortalWire.WriteListAsync(context, "TraCuuHoSo", null, null, found, null);
    }

    private async Task ListPaymentsAsync(HttpContext context, JsonElement root)
    {
        if (!PortalWire.TryPaging(root, out var page, out var pageSize, out var problem) || !PortalWire.TryWindow(root, out var from, out var to, out problem))
        {
            await PortalWire.ErrorAsync(context, InvalidParameter, problem);
            return;
        }
        var now = clock.Now;
        var end = Math.Min(generator.VisibleCount(now), generator.VisibleCount(to));
        var first = generator.FirstIndexAtOrAfter(from - DossierGenerator.MaxPaymentDelay);
        var query = $"gd|{from.UtcTicks}|{to.UtcTicks}|{pageSize}|{now.UtcTicks}";
        var (items, more) = pages.Read(query, page, pageSize, first * 4, start => ScanPayments(start, end, from, to, now));
        await PortalWire.WriteListAsync(context, "LayDanhSachGiaoDichThanhToan", page, pageSize, items, more);
    }

    /// <summary>Citizens' feedback updated in the window, as it stands now; a few thousand at most, so listed by a plain scan.</summary>
    private async Task ListFeedbackAsync(HttpContext context, JsonElement root)
    {
        if (!PortalWire.TryPaging(root, out var page, out var pageSize, out var problem) || !PortalWire.TryWindow(root, out var from, out var to, out problem))
        {
            await PortalWire.ErrorAsync(context, InvalidParameter, problem);
            return;
        }
        var now = clock.Now;
        var listed = generator.Feedback.Items.Where(f => f.VisibleAt(now) && f.UpdatedBy(now) is var u && u >= from && u <= to).ToList();
        var items = listed.Skip((page - 1) * pageSize).Take(pageSize).Select(f => (object)new PhanAnhKienNghi
        {
            MaPAKN = f.Code,
            MaDonVi = f.AgencyCode,
            MaTTHC = f.ProcedureCode,
            NgayTiepNhan = VietnamTime.ToPortal(f.Received),
            HanXuLy = VietnamTime.ToPortal(f.Due),
            NgayTraLoi = f.AnsweredBy(now) is { } answered ? VietnamTime.ToPortal(answered) : null,
            CongKhai = f.PublishedBy(now),
            NgayCapNhat = VietnamTime.ToPortal(f.UpdatedBy(now)),
        }).ToList();
        await PortalWire.WriteListAsync(context, "LayDanhSachPAKN", page, pageSize, items, (long)page * pageSize < listed.Count);
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
}
