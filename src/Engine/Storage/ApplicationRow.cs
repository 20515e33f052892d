namespace IntegrationHub.Engine.Storage;

/// <summary>An LGSP application as the Catalogue table holds it (partition <see cref="CatalogueStore.Applications"/>).</summary>
public sealed record ApplicationRow(string Id, string Name, string Agency, bool SharesData, bool Connected, DateTimeOffset? LastSeen);
