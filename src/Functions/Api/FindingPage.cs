namespace IntegrationHub.Functions.Api;

/// <summary>A page of findings as the API answers it, and the storage's continuation for the next (to be sealed per request), or null.</summary>
public sealed record FindingPage(IReadOnlyList<object> Items, string? Continuation);
