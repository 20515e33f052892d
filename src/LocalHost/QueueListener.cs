using System.Text.Json;
using IntegrationHub.Engine.Runs;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.LocalHost;

/// <summary>
/// Runs each [QueueTrigger] function of the Functions app from its queue, as the Functions host
/// would (<see cref="QueuePump"/>: visibility while running, retries, the poison queue), with the
/// queue settings of the app's host.json. Two local hosts on the same storage share the messages.
/// </summary>
public sealed class QueueListener(IServiceProvider services, HubStorage storage, IConfiguration configuration, ILogger<QueueListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = ReadHostJson(logger);
        if (configuration.GetSection("LocalHost:Queues").Exists()) configuration.GetSection("LocalHost:Queues").Bind(options);
        return Task.WhenAll(FunctionCatalog.Queues().Select(function =>
        {
            var name = FunctionCatalog.Resolve(function.Queue, configuration);
            var pump = new QueuePump(storage.Queue(name), storage.Queue(name + HubStorage.PoisonSuffix), (message, ct) => InvokeAsync(function, message, ct), options, logger);
            logger.LogInformation("Queue function {Function} reads queue {Queue}", function.Name, name);
            return pump.RunAsync(stoppingToken);
        }));
    }

    private async Task InvokeAsync(QueueFunction function, string message, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var target = scope.ServiceProvider.GetRequiredService(function.Type);
        var arguments = function.Method.GetParameters().Select(p =>
            p.ParameterType == typeof(string) ? message
            : p.ParameterType == typeof(CancellationToken) ? (object)cancellationToken
            : throw new NotSupportedException($"{function.Name}: the local host cannot bind a {p.ParameterType.Name} parameter.")).ToArray();
        if (function.Method.Invoke(target, arguments) is Task task) await task;
    }

    /// <summary>host.json's extensions.queues of the Functions app (copied beside the local host), or the host's defaults.</summary>
    public static QueuePumpOptions ReadHostJson(ILogger? logger = null)
    {
        var options = new QueuePumpOptions();
        var path = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(path))
        {
            logger?.LogWarning("No host.json beside the local host: queue settings are the Functions host's defaults");
            return options;
        }
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        if (!json.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues)) return options;
        if (queues.TryGetProperty("batchSize", out var batch)) options.BatchSize = batch.GetInt32();
        if (queues.TryGetProperty("maxDequeueCount", out var dequeues)) options.MaxDequeueCount = dequeues.GetInt32();
        if (queues.TryGetProperty("visibilityTimeout", out var visibility)) options.VisibilityTimeout = TimeSpan.Parse(visibility.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        if (queues.TryGetProperty("maxPollingInterval", out var polling)) options.MaxPollingInterval = TimeSpan.Parse(polling.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return options;
    }
}
