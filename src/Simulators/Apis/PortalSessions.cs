using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// The national portal's sessions: POST /portal/login with a unit code (dstcode header), username and
/// password gives a session for that unit, which every /portal/api call names with its madonvi until
/// it expires (the fault control can shorten the lifetime or expire every session at once).
/// </summary>
public sealed class PortalSessions
{
    private readonly ConcurrentDictionary<string, (string Unit, DateTimeOffset Expires)> sessions = new();
    private readonly SimulatorOptions options;
    private readonly FaultState faults;
    private readonly TimeProvider time;
    private readonly HashSet<string> units;

    public PortalSessions(SimulatorOptions options, FaultState faults, TimeProvider time)
    {
        this.options = options;
        this.faults = faults;
        this.time = time;
        units = options.PortalUnitCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        faults.ExpireSessions += system =>
        {
            if (system == "portal") sessions.Clear();
        };
    }

    public async Task LoginAsync(HttpContext context)
    {
        var body = await PortalWire.ReadBodyAsync(context);
        if (body is null) return;
        var unit = context.Request.Headers["dstcode"].ToString();
        using (body)
        {
            var root = body.RootElement;
            if (string.IsNullOrEmpty(unit) || !units.Contains(unit))
            {
                await PortalWire.ErrorAsync(context, PortalApi.UnitNotAllowed, "Mã đơn vị (dstcode) không hợp lệ");
                return;
            }
            var username = PortalWire.Text(root, "username");
            var password = PortalWire.Text(root, "password");
            if (!PortalWire.FixedEquals(username, options.PortalUsername) | !PortalWire.FixedEquals(password, options.PortalPassword))
            {
                await PortalWire.ErrorAsync(context, PortalApi.WrongCredentials, "Sai tên đăng nhập hoặc mật khẩu");
                return;
            }
        }
        var ttl = faults.Get("portal").SessionTtlSeconds ?? options.PortalSessionTtlSeconds;
        var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        sessions[session] = (unit, time.GetUtcNow().AddSeconds(ttl));
        await PortalWire.WriteAsync(context, w =>
        {
            w.WriteNumber("error_code", PortalApi.Ok);
            w.WriteString("message", "Thành công");
            w.WriteString("session", session);
        });
    }

    /// <summary>Whether the call's session is live and its madonvi the session's unit; if not, the error is answered.</summary>
    public async Task<bool> AdmitAsync(HttpContext context, JsonElement root)
    {
        var session = PortalWire.Text(root, "session");
        if (session is null || !sessions.TryGetValue(session, out var entry) || entry.Expires <= time.GetUtcNow())
        {
            if (session is not null) sessions.TryRemove(session, out _);
            await PortalWire.ErrorAsync(context, PortalApi.SessionExpired, "Phiên làm việc đã hết hạn, đề nghị đăng nhập lại");
            return false;
        }
        if (PortalWire.Text(root, "madonvi") != entry.Unit)
        {
            await PortalWire.ErrorAsync(context, PortalApi.UnitNotAllowed, "Mã đơn vị (madonvi) không khớp phiên làm việc");
            return false;
        }
        return true;
    }
}
