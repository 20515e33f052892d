namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// The upstream refused a paging cursor it handed out (expired, or no longer known). A stream that
/// resumes from a stored cursor starts its pass again; a cursor refused within one run is a protocol error.
/// </summary>
public sealed class CursorRefusedException(string system, Exception inner)
    : Exception($"{system}: the upstream refused the paging cursor it gave ({inner.Message.Split('\n')[0]})", inner);
