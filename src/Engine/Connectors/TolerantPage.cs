using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// Reads a page whose records did not all parse: the envelope (cursor, clock) with its list
/// emptied, then each record on its own; a record that does not parse is rejected with the
/// parser's reason and its JSON as received, the others are kept. Null when the body is not a
/// JSON object with that list, i.e. a cut or garbled answer, which is fetched again instead. Pure.
/// </summary>
public static class TolerantPage
{
    public static (TPage Envelope, List<T> Items, List<RejectedRecord> Rejected)? Read<TPage, T>(byte[]? body, string listName, JsonSerializerOptions options)
        where TPage : class
    {
        if (body is null) return null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonObject envelope || envelope[listName] is not JsonArray list) return null;

        var items = new List<T>(list.Count);
        var rejected = new List<RejectedRecord>();
        foreach (var node in list)
        {
            var json = node?.ToJsonString() ?? "null";
            try
            {
                items.Add(node.Deserialize<T>(options) ?? throw new JsonException("the record is null"));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException)
            {
                rejected.Add(new RejectedRecord("does not parse: " + ex.Message.Split('\n')[0], json));
            }
        }
        envelope[listName] = new JsonArray();
        try
        {
            var parsed = envelope.Deserialize<TPage>(options);
            return parsed is null ? null : (parsed, items, rejected);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
