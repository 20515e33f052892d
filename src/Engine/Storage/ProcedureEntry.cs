namespace IntegrationHub.Engine.Storage;

/// <summary>A procedure as the Catalogue table holds it (partition <see cref="CatalogueStore.Procedures"/>), and whether the portal lists it eligible for full-online.</summary>
public sealed record ProcedureEntry(string Code, string Name, IReadOnlyList<string> Agencies, string Lead, bool FullOnline, bool OnlinePayment, bool Vertical, bool EligibleFullOnline);
