using System.Text.Json.Serialization;

namespace IntegrationHub.Engine.Storage;

/// <summary>The JSON of the records a dossier row keeps in one column each, generated at build time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvinceRecord))]
[JsonSerializable(typeof(PortalRecord))]
internal sealed partial class DossierJson : JsonSerializerContext;
