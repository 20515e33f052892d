namespace IntegrationHub.Engine.Connectors;

/// <summary>
/// Why an upstream call or a stream failed, as recorded in run records and used by alerts. Shrink:
/// a snapshot list lacked too many of the stored rows and was not applied.
/// </summary>
public enum ErrorKind { Unreachable, Timeout, Throttled, ServerError, Unauthorized, CircuitOpen, Malformed, Protocol, Storage, Cancelled, Shrink, Other }
