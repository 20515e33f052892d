using System.Globalization;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// What the real Table Storage refuses in an entity. Azurite enforces fewer of these limits, so a
/// row is checked here before it is written; one that fails is quarantined, not sent.
/// See https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model.
/// </summary>
public static class TableLimits
{
    /// <summary>Key size: up to 1 KiB; counted as UTF-16 (two bytes a character), the strict reading.</summary>
    public const int MaxKeyChars = 512;
    /// <summary>A string property: up to 64 KiB, stored as UTF-16.</summary>
    public const int MaxStringChars = 32 * 1024;
    /// <summary>A binary property: up to 64 KiB.</summary>
    public const int MaxBinaryBytes = 64 * 1024;
    /// <summary>252 properties of one's own besides PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxProperties = 252;
    /// <summary>The whole entity, names and values: up to 1 MiB.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Why the service would refuse the row, or null if it would take it.</summary>
    public static string? Problem(TableEntity row)
    {
        if ((KeyProblem(row.PartitionKey, "PartitionKey") ?? KeyProblem(row.RowKey, "RowKey")) is { } key) return key;
        var properties = 0;
        long bytes = 2 * (row.PartitionKey.Length + row.RowKey.Length);
        foreach (var (name, value) in row)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null) continue;
            properties++;
            bytes += 8 + 2 * name.Length;
            switch (value)
            {
                case string s when s.Length > MaxStringChars:
                    return $"column {name} holds {s.Length:N0} characters; Table Storage takes at most {MaxStringChars:N0}";
                case string s:
                    bytes += 2 * s.Length;
                    break;
                case byte[] b when b.Length > MaxBinaryBytes:
                    return $"column {name} holds {b.Length:N0} bytes; Table Storage takes at most {MaxBinaryBytes:N0}";
                case byte[] b:
                    bytes += b.Length;
                    break;
                default:
                    bytes += 8;
                    break;
            }
        }
        if (properties > MaxProperties) return $"{properties} columns; Table Storage takes at most {MaxProperties}";
        if (bytes > MaxEntityBytes) return $"about {bytes:N0} bytes; Table Storage takes at most {MaxEntityBytes:N0} per row";
        return null;
    }

    /// <summary>Keys may not be empty or too long, nor hold / \ # ? or control characters.</summary>
    public static string? KeyProblem(string? key, string name = "key")
    {
        if (string.IsNullOrEmpty(key)) return $"{name} is missing";
        if (key.Length > MaxKeyChars) return $"{name} is {key.Length:N0} characters long; at most {MaxKeyChars:N0}";
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return $"{name} '{Printable(key)}' holds '{Printable(c.ToString())}', which Table Storage does not take in keys";
            }
        }
        return null;
    }

    // A key quoted in a reason must not carry control characters into logs and tables.
    private static string Printable(string text)
    {
        var shown = text.Length > 80 ? text[..80] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString(CultureInfo.InvariantCulture)));
    }
}
