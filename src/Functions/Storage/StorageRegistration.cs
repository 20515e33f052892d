using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Functions;

/// <summary>Registers the Table and Blob clients the hub writes its status and raw pages to.</summary>
public static class StorageRegistration
{
    /// <summary>The app setting holding the storage connection string (Azurite locally).</summary>
    public const string ConnectionSetting = "HubStorage";

    public static IServiceCollection AddHubStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionSetting] ?? configuration["AzureWebJobsStorage"]
            ?? throw new InvalidOperationException(
                $"Set the app setting '{ConnectionSetting}' (or AzureWebJobsStorage) to a storage connection string.");

        // Few, short retries: a health probe or a sync step must fail fast when storage is gone,
        // the caller decides whether to try again.
        static void Tune(ClientOptions options)
        {
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        }

        var tableOptions = new TableClientOptions();
        Tune(tableOptions);
        var blobOptions = new BlobClientOptions();
        Tune(blobOptions);

        services.AddSingleton(new TableServiceClient(connectionString, tableOptions));
        services.AddSingleton(new BlobServiceClient(connectionString, blobOptions));
        return services;
    }
}
