using System.Globalization;
using System.Text;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// The case system's paging cursor: opaque (base64url of "v1|kind|since ticks|position"), and valid
/// only for the list and updatedSince it was handed out for.
/// </summary>
public static class MotcuaCursor
{
    public static string Write(string kind, DateTimeOffset? since, long position)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"v1|{kind}|{since?.UtcTicks ?? -1}|{position}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryRead(string cursor, string kind, DateTimeOffset? since, out long position)
    {
        position = 0;
        if (cursor.Length is 0 or > 512) return false;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            return parts.Length == 4 && parts[0] == "v1" && parts[1] == kind
                && parts[2] == (since?.UtcTicks ?? -1).ToString(CultureInfo.InvariantCulture)
                && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out position);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
