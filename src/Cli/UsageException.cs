namespace IntegrationHub.Cli;

/// <summary>A command line that cannot be understood.</summary>
public sealed class UsageException(string message) : Exception(message);
