using System.Text.Json;

namespace IntegrationHub.Contracts.Lgsp;

public partial class LgspClient
{
    /// <summary>The options the client reads answers with, for reading a list's records one by one.</summary>
    public static JsonSerializerOptions SerializerOptions => _settings.Value;
}
