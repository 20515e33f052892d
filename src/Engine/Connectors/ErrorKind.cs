namespace IntegrationHub.Engine.Connectors;

/// <summary>Why an upstream call failed, as recorded in run records and used by alerts.</summary>
public enum ErrorKind { Unreachable, Timeout, Throttled, ServerError, Unauthorized, CircuitOpen, Malformed, Protocol, Storage, Cancelled, Other }
