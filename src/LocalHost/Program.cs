using IntegrationHub.LocalHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The Functions app on this machine, without the Functions host (see LocalHostApp).
var app = LocalHostApp.Build(args);
await app.StartAsync();
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
Console.WriteLine($"Hub listening on {string.Join(' ', addresses)}");
await app.WaitForShutdownAsync();
