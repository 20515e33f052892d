namespace IntegrationHub.Simulators.Data;

public enum ChannelKind { InPerson = 1, Online = 2, Postal = 3 }
