using System.Text.Json.Serialization;

namespace IntegrationHub.Simulators.Faults;

/// <summary>Body of POST /_sim/faults: new settings for the systems named, optionally expiring live sessions.</summary>
public sealed record FaultUpdate(
    [property: JsonPropertyName("portal")] FaultSettings? Portal,
    [property: JsonPropertyName("lgsp")] FaultSettings? Lgsp,
    [property: JsonPropertyName("motcua")] FaultSettings? Motcua,
    [property: JsonPropertyName("expireSessions")] bool ExpireSessions = false);
