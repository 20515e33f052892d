using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Lgsp;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Engine.Connectors;

/// <summary>One page of a source: its items, the token for the next page (null at the end), and the raw bytes.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, DateTimeOffset? AsOf, byte[]? Raw);

/// <summary>Why an upstream call failed, as recorded in run records and used by alerts.</summary>
public enum ErrorKind { Unreachable, Timeout, Throttled, ServerError, Unauthorized, CircuitOpen, Malformed, Protocol, Storage, Cancelled, Other }

/// <summary>An upstream refused or failed in a way retries did not fix.</summary>
public sealed class UpstreamException(string system, ErrorKind kind, string message, Exception? inner = null)
    : Exception($"{system}: {message}", inner)
{
    public string System { get; } = system;
    public ErrorKind Kind { get; } = kind;
}

/// <summary>Maps any failure to an <see cref="ErrorKind"/>.</summary>
public static class ErrorKinds
{
    public static ErrorKind Classify(Exception ex) => ex switch
    {
        UpstreamException u => u.Kind,
        BrokenCircuitException => ErrorKind.CircuitOpen,
        TimeoutRejectedException => ErrorKind.Timeout,
        OperationCanceledException => ErrorKind.Cancelled,
        HttpRequestException => ErrorKind.Unreachable,
        Azure.RequestFailedException => ErrorKind.Storage,
        JsonException => ErrorKind.Malformed,
        _ when StatusOf(ex) is { } status => status switch
        {
            200 => ErrorKind.Malformed,
            401 or 403 => ErrorKind.Unauthorized,
            429 => ErrorKind.Throttled,
            >= 500 => ErrorKind.ServerError,
            _ => ErrorKind.Protocol,
        },
        _ => ErrorKind.Other,
    };

    /// <summary>The HTTP status a generated client's exception carries.</summary>
    public static int? StatusOf(Exception ex) => ex switch
    {
        MotcuaClientException m => m.StatusCode,
        PortalClientException p => p.StatusCode,
        LgspClientException l => l.StatusCode,
        _ => null,
    };
}

/// <summary>Fetches a page again when it arrives but does not parse (a cut answer); other failures pass through.</summary>
internal static class MalformedRetry
{
    public static async Task<T> RunAsync<T>(string system, int retries, Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ErrorKinds.Classify(ex) == ErrorKind.Malformed)
            {
                if (attempt >= retries) throw new UpstreamException(system, ErrorKind.Malformed, "the answer did not parse, also when fetched again", ex);
            }
        }
    }
}

/// <summary>The provincial case system, through the client generated from motcua.json.</summary>
public sealed class MotcuaConnector(IHttpClientFactory factory, IOptions<MotcuaOptions> options, IOptions<ResilienceOptions> resilience)
{
    public const string ClientName = "motcua";

    private MotcuaClient Client() => new(factory.CreateClient(ClientName));

    public Task<Page<Agency>> AgenciesAsync(DateTimeOffset? since, string? cursor, CancellationToken cancellationToken) =>
        ReadAsync(async () => await Client().ListAgenciesAsync(since, cursor, 1000, cancellationToken), p => (p.Items, p.NextCursor, p.AsOf));

    public Task<Page<Procedure>> ProceduresAsync(DateTimeOffset? since, string? cursor, CancellationToken cancellationToken) =>
        ReadAsync(async () => await Client().ListProceduresAsync(since, cursor, 1000, cancellationToken), p => (p.Items, p.NextCursor, p.AsOf));

    public Task<Page<Dossier>> DossiersAsync(DateTimeOffset? since, string? cursor, CancellationToken cancellationToken) =>
        ReadAsync(async () => await Client().ListDossiersAsync(since, cursor, options.Value.PageSize, cancellationToken), p => (p.Items, p.NextCursor, p.AsOf));

    private async Task<Page<T>> ReadAsync<TPage, T>(Func<Task<TPage>> call, Func<TPage, (List<T> Items, string? Next, DateTimeOffset AsOf)> parts)
    {
        using var capture = PageCapture.Begin();
        var page = await MalformedRetry.RunAsync(UpstreamSystems.Motcua, resilience.Value.MalformedPageRetries, call);
        var (items, next, asOf) = parts(page);
        return new Page<T>(items, next, asOf, capture.Capture.Body);
    }
}

/// <summary>
/// The national portal: one session shared by all calls, logged in again transparently when the
/// portal says it expired (error_code 2).
/// </summary>
public sealed class PortalConnector(IHttpClientFactory factory, IOptions<PortalOptions> options, IOptions<ResilienceOptions> resilience)
{
    public const string ClientName = "portal";
    public const int SessionExpired = 2;

    private static readonly JsonSerializerOptions ItemOptions = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };
    private readonly SemaphoreSlim loginGate = new(1, 1);
    private string? session;

    private PortalClient Client() => new(factory.CreateClient(ClientName));

    public Task<Page<ThuTucHanhChinh>> ProceduresAsync(int page, CancellationToken cancellationToken) =>
        ListAsync<ThuTucHanhChinh>(PortalRequestService.LayDanhSachTTHC, null, page, cancellationToken);

    public Task<Page<HoSo>> DossiersAsync((DateTimeOffset From, DateTimeOffset To) window, int page, CancellationToken cancellationToken) =>
        ListAsync<HoSo>(PortalRequestService.LayDanhSachHoSo, window, page, cancellationToken);

    public Task<Page<GiaoDichThanhToan>> PaymentsAsync((DateTimeOffset From, DateTimeOffset To) window, int page, CancellationToken cancellationToken) =>
        ListAsync<GiaoDichThanhToan>(PortalRequestService.LayDanhSachGiaoDichThanhToan, window, page, cancellationToken);

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
        var items = ParseItems<T>(response);
        return new Page<T>(items, response.HasMore == true ? (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null, null, capture.Capture.Body);
    }

    /// <summary>Turns the untyped result items into the operation's item type; pure.</summary>
    public static List<T> ParseItems<T>(PortalResponse response)
    {
        var items = new List<T>(response.Result?.Count ?? 0);
        foreach (var item in response.Result ?? [])
        {
            var element = item is JsonElement e ? e : JsonSerializer.SerializeToElement(item);
            items.Add(element.Deserialize<T>(ItemOptions) ?? throw new JsonException("A null item in the portal's result."));
        }
        return items;
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

/// <summary>LGSP, through the client generated from lgsp.json; authentication is the pipeline's (see <see cref="LgspAuthHandler"/>).</summary>
public sealed class LgspConnector(IHttpClientFactory factory)
{
    public const string ClientName = "lgsp";

    private LgspClient Client() => new(factory.CreateClient(ClientName));

    public async Task<Page<Application>> ApplicationsAsync(CancellationToken cancellationToken)
    {
        using var capture = PageCapture.Begin();
        var list = await Client().ListApplicationsAsync(null, cancellationToken);
        return new Page<Application>(list.Data, null, null, capture.Capture.Body);
    }

    public async Task<Page<DataService>> ServicesAsync(CancellationToken cancellationToken)
    {
        using var capture = PageCapture.Begin();
        var list = await Client().ListServicesAsync(cancellationToken);
        return new Page<DataService>(list.Data, null, null, capture.Capture.Body);
    }

    public async Task<Page<MonitoringRow>> MonitoringAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var capture = PageCapture.Begin();
        var list = await Client().ListMonitoringAsync(from, to, null, cancellationToken);
        return new Page<MonitoringRow>(list.Data, null, null, capture.Capture.Body);
    }
}
