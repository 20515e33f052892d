namespace IntegrationHub.Simulators;

/// <summary>The contracts' OpenAPI documents, embedded in the Contracts assembly.</summary>
public static class OpenApiDocuments
{
    public static Stream Open(string system) =>
        typeof(IntegrationHub.Contracts.Portal.PortalClient).Assembly.GetManifestResourceStream($"OpenApi.{system}.json")
        ?? throw new InvalidOperationException($"No embedded OpenAPI document for '{system}'.");
}
