using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts.Portal;

public partial class PortalClient
{
    // The portal sends error_code as 0 and as "00" (and numbers elsewhere as strings now and then):
    // read both forms instead of failing on the second.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.NumberHandling |= JsonNumberHandling.AllowReadingFromString;
}
