using Azure.Monitor.OpenTelemetry.Exporter;
using IntegrationHub.Engine;
using IntegrationHub.Engine.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddHubEngine(builder.Configuration);
builder.Services.AddSingleton<IntegrationHub.Functions.Api.ApiAccess>();
builder.Services.AddSingleton<IntegrationHub.Functions.Api.ApiReadCache>();
builder.Services.Configure<IntegrationHub.Functions.Api.ApiOptions>(builder.Configuration.GetSection("Api"));
builder.Services.AddSingleton<IntegrationHub.Functions.Api.ContinuationSeal>();
builder.Services.AddHostedService<IntegrationHub.Functions.Storage.StorageInitializer>();

// OpenTelemetry to Azure Monitor: the hub's own metrics (TelemetryNames) and logs with their scopes
// (run id, source, agency), at the levels host.json sets: no Application Insights SDK sampling or
// default Warning filter drops Information logs on the way.
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddOpenTelemetry()
        .UseFunctionsWorkerDefaults()
        .WithMetrics(metrics => metrics.AddMeter(TelemetryNames.Meter))
        .UseAzureMonitorExporter();
}
builder.Build().Run();
