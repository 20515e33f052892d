using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationHub.Simulators.Faults;

/// <summary>
/// The bad-records fault: each list answer gains broken copies of its first record, one per kind
/// (<see cref="Kinds"/>), appended to the real ones. The copies are not in the answer key: a hub
/// that quarantines them and stores the rest ends where a fault-free run does.
/// </summary>
public static partial class BadRecords
{
    /// <summary>The lists records are read from: motcua "items", the portal's "result", LGSP's "data".</summary>
    private static readonly string[] ListNames = ["items", "result", "data"];

    /// <summary>The field each kind of record is keyed by (monitoring rows, keyed by two fields, get no copies).</summary>
    private static readonly string[] KeyNames = ["code", DossierKey, "MaTTHC", "id"];

    /// <summary>The portal's dossiers and payments are keyed by the dossier code.</summary>
    private const string DossierKey = "MaHoSo";

    public static readonly IReadOnlyList<string> Kinds =
        ["null-key", "slash-key", "long-key", "control-key", "marker-key", "huge-string", "bad-date"];

    /// <summary>
    /// The answer with the broken copies added, or null when it holds no keyed list to add them to.
    /// A "~" code is broken only for a dossier (the hub keeps its marker rows among dossiers): in
    /// other lists it is a strange but valid code, so it is added only to lists of dossiers.
    /// </summary>
    public static byte[]? Inject(byte[] body, bool dossiers)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonObject envelope) return null;
        var list = ListNames.Select(n => envelope[n]).OfType<JsonArray>().FirstOrDefault();
        if (list is not { Count: > 0 } || list[0] is not JsonObject first) return null;
        var key = KeyNames.FirstOrDefault(k => first[k] is JsonValue v && v.TryGetValue<string>(out _));
        if (key is null) return null;
        foreach (var kind in Kinds.Where(k => dossiers || k != "marker-key" || key == DossierKey))
        {
            if (Broken(first, key, kind) is { } copy) list.Add(copy);
        }
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    private static JsonObject? Broken(JsonObject original, string key, string kind)
    {
        var copy = (JsonObject)original.DeepClone();
        var code = (string)copy[key]!;
        switch (kind)
        {
            case "null-key": copy[key] = null; break;
            case "slash-key": copy[key] = code + "/bad"; break;
            case "long-key": copy[key] = new string('K', 600); break;
            case "control-key": copy[key] = code + "\u0007"; break;
            case "marker-key": copy[key] = "~" + code; break;
            case "huge-string":
                var text = copy.FirstOrDefault(p => p.Key != key && p.Value is JsonValue v && v.TryGetValue<string>(out _)).Key;
                if (text is null) return null;
                copy[text] = new string('x', 40_000);
                break;
            case "bad-date":
                var date = copy.FirstOrDefault(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && DateLike().IsMatch(s)).Key;
                if (date is null) return null;
                copy[date] = "not-a-date";
                break;
        }
        return copy;
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}|\d{14}$)")]
    private static partial Regex DateLike();
}
