using IntegrationHub.Engine;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddHubEngine(builder.Configuration);
builder.Services.AddSingleton<IntegrationHub.Functions.Api.ApiAccess>();
builder.Services.AddHostedService<IntegrationHub.Functions.Storage.StorageInitializer>();
builder.Build().Run();
