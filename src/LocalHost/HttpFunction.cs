using System.Reflection;

namespace IntegrationHub.LocalHost;

/// <summary>An HTTP function: its class and method, the route and methods of its [HttpTrigger].</summary>
public sealed record HttpFunction(string Name, Type Type, MethodInfo Method, string Route, string[] Methods);
