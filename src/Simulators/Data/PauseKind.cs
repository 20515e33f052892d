namespace IntegrationHub.Simulators.Data;

public enum PauseKind { SupplementRequested, FinancialObligation }
