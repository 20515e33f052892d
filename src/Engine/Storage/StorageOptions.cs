namespace IntegrationHub.Engine.Storage;

/// <summary>Storage settings (section "Storage").</summary>
public sealed class StorageOptions
{
    /// <summary>Connection string (Azurite: UseDevelopmentStorage=true). App setting "HubStorage" wins over this.</summary>
    public string ConnectionString { get; set; } = "";
    /// <summary>Prefix of every table and container name: lets several hubs (or test runs) share one account.</summary>
    public string Prefix { get; set; } = "hub";
}
