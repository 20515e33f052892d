namespace IntegrationHub.Simulators.Data;

public enum PayMethod { None, Cash, BankTransfer, Online }
