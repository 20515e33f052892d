using IntegrationHub.Simulators;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var app = SimulatorApp.Build(args);
await app.StartAsync();
// One line that scripts and tests wait for: the address actually bound (also when --urls asked for port 0).
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
Console.WriteLine($"Simulators listening on {string.Join(' ', addresses)}");
await app.WaitForShutdownAsync();
