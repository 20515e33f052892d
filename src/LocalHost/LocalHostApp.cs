using System.Text.Json;
using IntegrationHub.Engine;
using IntegrationHub.Functions.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.LocalHost;

/// <summary>
/// Runs the Functions app's own classes without the Functions host: HTTP functions on Kestrel at the
/// routes and methods of their [HttpTrigger], timers on their [TimerTrigger] schedules (from the same
/// app settings), queue functions from the queues of their [QueueTrigger] (<see cref="QueueListener"/>),
/// with the same services as Program.cs of the Functions app registers.
/// </summary>
public static class LocalHostApp
{
    /// <summary>host.json's extensions.http.routePrefix default.</summary>
    public const string RoutePrefix = "api";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("IntegrationHub", LogLevel.Information);
        configure?.Invoke(builder);
        // The run queue's app setting (the Functions host needs it set), from the storage prefix when it is not.
        if (string.IsNullOrEmpty(builder.Configuration["RunQueue"]))
        {
            builder.Configuration.AddInMemoryCollection([new("RunQueue", Engine.Storage.HubStorage.RunQueueName(builder.Configuration["Storage:Prefix"] ?? new Engine.Storage.StorageOptions().Prefix))]);
        }
        builder.Services.TryAddSingleton(Clocks.FromConfiguration(builder.Configuration));
        builder.Services.AddHubEngine(builder.Configuration);
        builder.Services.TryAddSingleton<ApiAccess>();
        builder.Services.TryAddSingleton<ApiReadCache>();
        builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection("Api"));
        builder.Services.TryAddSingleton<ContinuationSeal>();
        builder.Services.AddControllers();
        builder.Services.AddHostedService<IntegrationHub.Functions.Storage.StorageInitializer>();
        foreach (var type in FunctionCatalog.AllFunctions().Select(m => m.DeclaringType!).Distinct()) builder.Services.TryAddTransient(type);
        if (builder.Configuration["LocalHost:Timers"] != "false") builder.Services.AddHostedService<TimerScheduler>();
        if (builder.Configuration["LocalHost:Queues:Enabled"] != "false") builder.Services.AddHostedService<QueueListener>();

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // As the Functions host would: a 500, with nothing of the exception in the answer.
                context.RequestServices.GetRequiredService<ILogger<WebApplication>>().LogError(ex, "Function failed: {Path}", context.Request.Path);
                context.Response.StatusCode = 500;
                Engine.Telemetry.HubMetrics.ApiAnswered(500);
                context.Response.ContentType = "application/problem+json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { type = Problems.TypePrefix + "internal", title = "The function failed", status = 500 }));
            }
        });
        foreach (var function in FunctionCatalog.Http())
        {
            app.MapMethods($"/{RoutePrefix}/{function.Route}", function.Methods.Select(m => m.ToUpperInvariant()).ToArray(), context => InvokeAsync(context, function))
                .WithName(function.Name);
        }
        return app;
    }

    private static async Task InvokeAsync(HttpContext context, HttpFunction function)
    {
        var target = context.RequestServices.GetRequiredService(function.Type);
        var arguments = function.Method.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? context.Request
            : p.ParameterType == typeof(CancellationToken) ? context.RequestAborted
            : p.ParameterType == typeof(string) ? (object?)context.GetRouteValue(p.Name!)?.ToString()
            : throw new NotSupportedException($"{function.Name}: the local host cannot bind a {p.ParameterType.Name} parameter.")).ToArray();
        var value = function.Method.Invoke(target, arguments);
        if (value is Task task)
        {
            await task;
            value = task.GetType().GetProperty("Result")?.GetValue(task);
        }
        if (value is IActionResult result)
        {
            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        }
    }
}
