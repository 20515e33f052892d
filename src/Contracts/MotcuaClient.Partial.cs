using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts.Motcua;

public partial class MotcuaClient
{
    /// <summary>The options the client reads answers with, for reading a page's records one by one.</summary>
    public static JsonSerializerOptions SerializerOptions => _settings.Value;

    // NSwag puts the string-enum converter on enum properties but not on lists of enums
    // (Procedure.levels): without this, ["Province"] would not deserialize.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter());
}
