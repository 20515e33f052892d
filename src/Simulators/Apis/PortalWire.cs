using System.Security.Cryptography;
using System.Text.Json;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// The national portal's wire format as the simulator speaks it: reading a request's JSON body,
/// paging and window, and writing answers (HTTP 200 with an error_code, success as 0 or "00").
/// </summary>
public static class PortalWire
{
    public static bool TryPaging(JsonElement root, out int page, out int pageSize, out string problem)
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

    public static bool TryWindow(JsonElement root, out DateTimeOffset from, out DateTimeOffset to, out string problem)
    {
        to = default;
        problem = "tuNgay và denNgay phải có dạng yyyyMMddHHmmss, tuNgay không sau denNgay";
        return VietnamTime.TryParsePortal(Text(root, "tuNgay"), out from)
            && VietnamTime.TryParsePortal(Text(root, "denNgay"), out to)
            && from <= to;
    }

    /// <summary>The real portal answers success as 0 and as "00"; which one depends on the operation and page.</summary>
    public static void WriteSuccess(Utf8JsonWriter w, string service, int? page)
    {
        if (((service.Length + (page ?? 0)) & 1) == 0) w.WriteString("error_code", "00");
        else w.WriteNumber("error_code", PortalApi.Ok);
        w.WriteString("message", "Thành công");
    }

    public static async Task WriteListAsync(HttpContext context, string service, int? page, int? pageSize, List<object> items, bool? hasMore)
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

    public static Task ErrorAsync(HttpContext context, int code, string message) => WriteAsync(context, w =>
    {
        w.WriteNumber("error_code", code);
        w.WriteString("message", message);
    });

    public static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Reads the JSON body; a body that is not a JSON object gets HTTP 400 with error_code 5.</summary>
    public static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
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
        await ErrorAsync(context, PortalApi.InvalidParameter, "Nội dung yêu cầu không phải JSON hợp lệ");
        return null;
    }

    public static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool FixedEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));
}
