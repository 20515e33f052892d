using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine;

/// <summary>Registers the whole engine: options (validated at start), storage, connectors with their resilience, sync and reconciliation.</summary>
public static class EngineRegistration
{
    /// <summary>The app setting with the storage connection string (the same as the Functions app's).</summary>
    public const string StorageSetting = "HubStorage";

    public static IServiceCollection AddHubEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        Bind<MotcuaOptions>(services, configuration);
        Bind<PortalOptions>(services, configuration);
        Bind<LgspOptions>(services, configuration);
        Bind<ResilienceOptions>(services, configuration);
        Bind<SyncOptions>(services, configuration);
        Bind<ReconciliationOptions>(services, configuration);
        Bind<StorageOptions>(services, configuration);

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Identity-based, as Functions connections are: HubStorage__tableServiceUri, HubStorage__blobServiceUri,
            // HubStorage__queueServiceUri and, for a user-assigned identity, HubStorage__clientId.
            var identity = configuration.GetSection(StorageSetting);
            if (identity["tableServiceUri"] is { Length: > 0 } tableUri && identity["blobServiceUri"] is { Length: > 0 } blobUri
                && identity["queueServiceUri"] is { Length: > 0 } queueUri)
            {
                var credential = new Azure.Identity.DefaultAzureCredential(new Azure.Identity.DefaultAzureCredentialOptions
                {
                    ManagedIdentityClientId = identity["clientId"] is { Length: > 0 } clientId ? clientId : null,
                });
                return new HubStorage(new Uri(tableUri), new Uri(blobUri), new Uri(queueUri), credential, o.Prefix);
            }
            var connection = configuration[StorageSetting] is { Length: > 0 } setting ? setting
                : o.ConnectionString is { Length: > 0 } configured ? configured
                : configuration["AzureWebJobsStorage"] ?? "";
            return new HubStorage(connection, o.Prefix);
        });
        services.TryAddSingleton<CheckpointStore>();
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<LeaseStore>();
        services.TryAddSingleton<RunSlotStore>();
        services.TryAddSingleton<RunGroupStore>();
        services.TryAddSingleton<RunQueueStore>();
        services.TryAddSingleton<Runs.RunRequests>();
        services.TryAddSingleton<Runs.RunWorker>();
        services.TryAddSingleton<RawArchive>();
        services.TryAddSingleton<QuarantineStore>();
        services.TryAddSingleton<QuarantineRetry>();
        services.TryAddSingleton<CatalogueStore>();
        services.TryAddSingleton<FindingStore>();
        services.TryAddSingleton<OpenDossierStore>();
        services.TryAddSingleton<ReconcileStateStore>();
        services.TryAddSingleton<Security.ApiKeyStore>();
        services.TryAddSingleton<StorageProbe>();
        services.TryAddSingleton<DossierStaging>();

        static PageCaptureHandler Capture(IServiceProvider sp, string system) => new(system, sp.GetRequiredService<IOptions<ResilienceOptions>>());
        services.AddUpstreamClient(MotcuaConnector.ClientName, UpstreamSystems.Motcua, sp => BaseOf(sp.GetRequiredService<IOptions<MotcuaOptions>>().Value.BaseUrl))
            .ConfigureHttpClient((sp, client) => client.DefaultRequestHeaders.Add("X-API-Key", sp.GetRequiredService<IOptions<MotcuaOptions>>().Value.ApiKey))
            .AddHttpMessageHandler(sp => Capture(sp, UpstreamSystems.Motcua));
        services.AddUpstreamClient(PortalConnector.ClientName, UpstreamSystems.Portal, sp => BaseOf(sp.GetRequiredService<IOptions<PortalOptions>>().Value.BaseUrl))
            .AddHttpMessageHandler(sp => Capture(sp, UpstreamSystems.Portal));
        services.AddUpstreamClient(LgspConnector.ClientName, UpstreamSystems.Lgsp, sp => BaseOf(sp.GetRequiredService<IOptions<LgspOptions>>().Value.BaseUrl))
            .AddHttpMessageHandler(sp => new LgspAuthHandler(sp.GetRequiredService<ILgspAuthenticator>()))
            .AddHttpMessageHandler(sp => Capture(sp, UpstreamSystems.Lgsp));
        services.AddUpstreamClient(OAuthClientCredentialsAuthenticator.TokenClientName, UpstreamSystems.Lgsp, sp => BaseOf(sp.GetRequiredService<IOptions<LgspOptions>>().Value.BaseUrl));
        services.TryAddSingleton<ILgspAuthenticator>(sp => sp.GetRequiredService<IOptions<LgspOptions>>().Value.AuthScheme == LgspAuthScheme.AccessKey
            ? new AccessKeyAuthenticator(sp.GetRequiredService<IOptions<LgspOptions>>())
            : ActivatorUtilities.CreateInstance<OAuthClientCredentialsAuthenticator>(sp));

        services.TryAddSingleton<MotcuaConnector>();
        services.TryAddSingleton<PortalConnector>();
        services.TryAddSingleton<LgspConnector>();
        services.TryAddSingleton<SourceFeeds>();
        services.TryAddSingleton<IncrementalStream>();
        services.TryAddSingleton<SnapshotStream>();
        services.TryAddSingleton<SyncService>();
        services.TryAddSingleton<FullPass>();
        services.TryAddSingleton<IncrementalPass>();
        services.TryAddSingleton<CounterStore>();
        services.TryAddSingleton<CatalogueFindings>();
        services.TryAddSingleton<KpiStore>();
        services.TryAddSingleton<EvaluationInputs>();
        services.TryAddSingleton<ReconcileLifecycle>();
        services.TryAddSingleton<ReconcileCompletion>();
        services.TryAddSingleton<BucketResultStore>();
        services.TryAddSingleton<Runs.ReconcileParts>();
        services.TryAddSingleton<ReconcileService>();
        services.TryAddSingleton<HubRunner>();
        services.TryAddSingleton<StatusStore>();
        services.TryAddSingleton<Queries.AgencyStatusRows>();
        services.TryAddSingleton<Queries.SourceStatusRows>();
        services.TryAddSingleton<Queries.StatusPublisher>();
        services.TryAddSingleton<Queries.AgencyStatusQuery>();
        services.TryAddSingleton<Queries.AgencyServicesQuery>();
        services.TryAddSingleton<Queries.DueQuery>();
        services.TryAddSingleton<Queries.KpiQuery>();
        services.TryAddSingleton<Queries.AgencyOverviewQuery>();
        services.TryAddSingleton<Storage.DossierScan>();
        services.TryAddSingleton<Queries.ScorecardQuery>();
        services.TryAddSingleton<Queries.RunQuery>();
        return services;
    }

    private static void Bind<T>(IServiceCollection services, IConfiguration configuration) where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(typeof(T).Name.Replace("Options", "", StringComparison.Ordinal)))
            .ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Relative paths of the generated clients resolve under the base only if it ends with '/'.</summary>
    private static Uri BaseOf(string url) => new(url.EndsWith('/') ? url : url + "/");
}
