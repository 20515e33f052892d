namespace IntegrationHub.Engine.Storage;

/// <summary>A data service as the Catalogue table holds it (partition <see cref="CatalogueStore.Services"/>), with its traffic summed over the monitoring rows.</summary>
public sealed record ServiceRow(string Code, string Name, string Origin, string Status, string Owner, IReadOnlyList<string> Consumers, long Requests, long Failures);
