using System.Text.Json;

namespace IntegrationHub.Engine.Queries;

/// <summary>A run as <c>GET /api/sync/runs</c> answers it (<see cref="RunQuery"/>); Streams is each stream's outcome and counts.</summary>
public sealed record RunView(
    string RunId, string Source, string Status, DateTimeOffset Started, DateTimeOffset? Ended, long Records, long Pages, long Retries, long Quarantined,
    long DurationMs, string? Worker, string? ErrorKind, string? Error, DateTimeOffset? WindowFrom, DateTimeOffset? WindowTo, JsonElement? Streams);
