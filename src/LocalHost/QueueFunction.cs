using System.Reflection;

namespace IntegrationHub.LocalHost;

/// <summary>A queue-triggered function: its class and method, the queue name of its [QueueTrigger] (often %Setting%, maybe with a suffix).</summary>
public sealed record QueueFunction(string Name, Type Type, MethodInfo Method, string Queue);
