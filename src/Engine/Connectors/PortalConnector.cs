using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Portal;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// The national portal: one session shared by all calls, logged in again transparently when the
/// portal says it expired (error_code 2).
/// </summary>
public sealed class PortalConnector(IHttpClientFactory factory, IOptions<PortalOptions> options, IOptions<ResilienceOptions> resilience)
{
    public const string ClientName = "portal";
    public const int SessionExpired = 2;

    /// <summary>How the portal's result items are read (numbers arrive as strings now and then).</summary>
    public static readonly JsonSerializerOptions ItemOptions = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };
    private readonly SemaphoreSlim loginGate = new(1, 1);
    private string? session;

    private PortalClient Client() => new(factory.CreateClient(ClientName));

    public Task<Page<ThuTucHanhChinh>> ProceduresAsync(int page, CancellationToken cancellationToken) =>
        ListAsync<ThuTucHanhChinh>(PortalRequestService.LayDanhSachTTHC, null, page, cancellationToken);

    public Task<Page<HoSo>> DossiersAsync((DateTimeOffset From, DateTimeOffset To) window, int page, CancellationToken cancellationToken) =>
        ListAsync<HoSo>(PortalRequestService.LayDanhSachHoSo, window, page, cancellationToken);

    public Task<Page<GiaoDichThanhToan>> PaymentsAsync((DateTimeOffset From, DateTimeOffset To) window, int page, CancellationToken cancellationToken) =>
        ListAsync<GiaoDichThanhToan>(PortalRequestService.LayDanhSachGiaoDichThanhToan, window, page, cancellationToken);

    /// <summary>Citizens' feedback (phản ánh, kiến nghị) updated in the window.</summary>
    public Task<Page<PhanAnhKienNghi>> FeedbackAsync((DateTimeOffset From, DateTimeOffset To) window, int page, CancellationToken cancellationToken) =>
        ListAsync<PhanAnhKienNghi>(PortalRequestService.LayDanhSachPAKN, window, page, cancellationToken);

    private async Task<Page<T>> ListAsync<T>(PortalRequestService service, (DateTimeOffset From, DateTimeOffset To)? window, int page, CancellationToken cancellationToken)
    {
        using var capture = PageCapture.Begin();
        var response = await MalformedRetry.RunAsync(UpstreamSystems.Portal, resilience.Value.MalformedPageRetries, () => CallAsync(s =>
        {
            var request = new PortalRequest { Session = s, Madonvi = options.Value.UnitCode, Service = service, Page = page, PageSize = options.Value.PageSize };
            if (window is { } w)
            {
                request.TuNgay = VietnamTime.ToPortal(w.From);
                request.DenNgay = VietnamTime.ToPortal(w.To);
            }
            return request;
        }, cancellationToken));
        var (items, rejected) = ParseItems<T>(response);
        return new Page<T>(items, response.HasMore == true ? (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null, null, capture.Capture.Body, rejected);
    }

    /// <summary>Turns the untyped result items into the operation's item type, one by one: an item that does not parse is rejected with its reason; pure.</summary>
    public static (List<T> Items, List<RejectedRecord> Rejected) ParseItems<T>(PortalResponse response)
    {
        var items = new List<T>(response.Result?.Count ?? 0);
        var rejected = new List<RejectedRecord>();
        foreach (var item in response.Result ?? [])
        {
            var element = item is JsonElement e ? e : JsonSerializer.SerializeToElement(item);
            try
            {
                items.Add(element.Deserialize<T>(ItemOptions) ?? throw new JsonException("the record is null"));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException)
            {
                rejected.Add(new RejectedRecord("does not parse: " + ex.Message.Split('\n')[0], element.GetRawText()));
            }
        }
        return (items, rejected);
    }

    private async Task<PortalResponse> CallAsync(Func<string, PortalRequest> build, CancellationToken cancellationToken)
    {
        var current = session ?? await LogInAsync(null, cancellationToken);
        var response = await Client().CallAsync(build(current), cancellationToken);
        if (response.Error_code == SessionExpired)
        {
            current = await LogInAsync(current, cancellationToken);
            response = await Client().CallAsync(build(current), cancellationToken);
        }
        if (response.Error_code != 0)
        {
            var kind = response.Error_code is SessionExpired or 1 or 3 ? ErrorKind.Unauthorized : ErrorKind.Protocol;
            throw new UpstreamException(UpstreamSystems.Portal, kind, $"error_code {response.Error_code}: {response.Message}");
        }
        return response;
    }

    /// <summary>Logs in unless another caller already replaced the session that failed.</summary>
    private async Task<string> LogInAsync(string? failed, CancellationToken cancellationToken)
    {
        await loginGate.WaitAsync(cancellationToken);
        try
        {
            if (session is not null && session != failed) return session;
            var o = options.Value;
            var reply = await Client().LoginAsync(o.UnitCode, new LoginRequest { Username = o.Username, Password = o.Password }, cancellationToken);
            if (reply.Error_code != 0 || string.IsNullOrEmpty(reply.Session))
            {
                throw new UpstreamException(UpstreamSystems.Portal, ErrorKind.Unauthorized, $"login refused, error_code {reply.Error_code}: {reply.Message}");
            }
            return session = reply.Session;
        }
        finally
        {
            loginGate.Release();
        }
    }
}
