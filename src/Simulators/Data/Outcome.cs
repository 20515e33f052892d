namespace IntegrationHub.Simulators.Data;

public enum Outcome { Resolved, Rejected, Withdrawn, Stopped }
