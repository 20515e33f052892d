namespace IntegrationHub.Simulators.Faults;

/// <summary>The fault kind drawn for one request.</summary>
public enum FaultKind { None, Drop, Timeout, Error, Throttle, Malformed }
