namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// One page of a source: its items, the token for the next page (null at the end), the raw bytes,
/// and the records of the page that did not parse (each set aside with its reason, the rest kept).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, DateTimeOffset? AsOf, byte[]? Raw, IReadOnlyList<RejectedRecord>? Unparsed = null)
{
    public IReadOnlyList<RejectedRecord> Rejected => Unparsed ?? [];
}
