using System.Reflection;

namespace IntegrationHub.LocalHost;

/// <summary>A timer function: its class and method, the schedule expression of its [TimerTrigger] (often %Setting%).</summary>
public sealed record TimerFunction(string Name, Type Type, MethodInfo Method, string Schedule);
