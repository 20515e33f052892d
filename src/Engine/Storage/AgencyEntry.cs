namespace IntegrationHub.Engine.Storage;

/// <summary>An agency as the Catalogue table holds it (partition <see cref="CatalogueStore.Agencies"/>): effective-dated, under its parent while it is valid.</summary>
public sealed record AgencyEntry(string Code, string Name, string Level, string? Parent, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool ValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}
