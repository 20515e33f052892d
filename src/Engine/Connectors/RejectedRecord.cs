namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// An upstream record that cannot be stored: why, the record as JSON (as received when it did not
/// parse, else as parsed), and its key when it has one.
/// </summary>
public sealed record RejectedRecord(string Reason, string Json, string? Key = null);
