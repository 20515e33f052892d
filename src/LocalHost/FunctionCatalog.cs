using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.LocalHost;

/// <summary>
/// Reads the [Function] methods of the Functions assembly, exactly as the Functions host would: no
/// second, hand-kept table of routes or schedules that could drift.
/// </summary>
public static class FunctionCatalog
{
    public static Assembly FunctionsAssembly => typeof(IntegrationHub.Functions.Health.HealthFunction).Assembly;

    public static IEnumerable<MethodInfo> AllFunctions() =>
        FunctionsAssembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    public static IReadOnlyList<HttpFunction> Http() =>
        AllFunctions().Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => new HttpFunction(x.Method.GetCustomAttribute<FunctionAttribute>()!.Name, x.Method.DeclaringType!, x.Method,
                x.Trigger!.Route ?? x.Method.GetCustomAttribute<FunctionAttribute>()!.Name, x.Trigger.Methods ?? ["get", "post"]))
            .ToList();

    public static IReadOnlyList<TimerFunction> Timers() =>
        AllFunctions().Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => new TimerFunction(x.Method.GetCustomAttribute<FunctionAttribute>()!.Name, x.Method.DeclaringType!, x.Method, x.Trigger!.Schedule))
            .ToList();

    public static IReadOnlyList<QueueFunction> Queues() =>
        AllFunctions().Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => new QueueFunction(x.Method.GetCustomAttribute<FunctionAttribute>()!.Name, x.Method.DeclaringType!, x.Method, x.Trigger!.QueueName))
            .ToList();

    /// <summary>Resolves each %Setting% in an expression the way the Functions host does ("%RunQueue%-poison").</summary>
    public static string Resolve(string expression, IConfiguration configuration) =>
        System.Text.RegularExpressions.Regex.Replace(expression, "%([^%]+)%", m =>
            configuration[m.Groups[1].Value] ?? throw new InvalidOperationException($"The app setting {m.Groups[1].Value} (used by a trigger) is not set."));
}
