using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Faults;

/// <summary>
/// Faults that change a good answer's content rather than its delivery: a cursor that never moves
/// on, an upstream clock set in the future, broken records (<see cref="BadRecords"/>). Pure.
/// </summary>
public static class AnswerRewrites
{
    /// <summary>The answer as the faults rewrite it, or null when none applies to it.</summary>
    public static byte[]? Apply(byte[] body, FaultSettings settings, string? cursorAsked, bool dossiers, DateTimeOffset now)
    {
        var current = body;
        var changed = false;
        if (settings.BadRecords && BadRecords.Inject(current, dossiers) is { } withBad)
        {
            current = withBad;
            changed = true;
        }
        if ((settings.StuckCursor || settings.FutureAsOfHours is not null) && Envelope(current) is { } envelope)
        {
            // A stuck cursor: the page asked for with a cursor points to that same cursor again.
            if (settings.StuckCursor && cursorAsked is not null && envelope["nextCursor"] is not null)
            {
                envelope["nextCursor"] = cursorAsked;
                changed = true;
            }
            if (settings.FutureAsOfHours is { } hours && envelope["asOf"] is not null)
            {
                envelope["asOf"] = now.AddHours(hours).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                changed = true;
            }
            current = JsonSerializer.SerializeToUtf8Bytes(envelope);
        }
        return changed ? current : null;
    }

    private static JsonObject? Envelope(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
