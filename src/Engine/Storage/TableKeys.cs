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
}
