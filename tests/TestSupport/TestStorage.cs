namespace IntegrationHub.TestSupport;

/// <summary>Where storage tests find Azurite: HUB_TEST_STORAGE, else the emulator's well-known development account.</summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("HUB_TEST_STORAGE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>A loopback port nothing listens on: storage that is down.</summary>
    public const string Unreachable =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;";
}
