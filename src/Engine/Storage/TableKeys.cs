using System.Globalization;
using System.Text;

namespace IntegrationHub.Engine.Storage;

/// <summary>Key text Table Storage accepts, made from any value.</summary>
public static class TableKeys
{
    /// <summary>Keys may not hold / \ # ? or control characters: those (and %) are percent-escaped.</summary>
    public static string Escape(string value)
    {
        var key = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)) key.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else key.Append(c);
        }
        return key.ToString();
    }

    /// <summary>FNV-1a of a key, so a key's bucket or shard is the same in every process and version.</summary>
    public static uint Hash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
