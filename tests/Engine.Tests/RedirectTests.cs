using System.Net;
using System.Net.Sockets;
using IntegrationHub.Engine.Connectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Engine.Tests;

/// <summary>An upstream that answers with a redirect to another host does not get the hub's credentials sent there.</summary>
public sealed class RedirectTests
{
    [Fact]
    public async Task ARedirectIsNotFollowed_TheApiKeyNeverReachesTheOtherHost()
    {
        var elsewhereHits = 0;
        await using var elsewhere = await ServeAsync(context =>
        {
            Interlocked.Increment(ref elsewhereHits);
            return context.Response.WriteAsync("{}");
        });
        var target = elsewhere.Urls.First();
        await using var upstream = await ServeAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = target + "/steal" + context.Request.Path;
            return Task.CompletedTask;
        });

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HubStorage"] = "UseDevelopmentStorage=true",
            ["Motcua:BaseUrl"] = upstream.Urls.First() + "/motcua/", ["Motcua:ApiKey"] = "secret-key",
            ["Resilience:RetryCount"] = "0",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddHubEngine(configuration).BuildServiceProvider();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(MotcuaConnector.ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/dossiers");
        request.Headers.Add("X-API-Key", "secret-key");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(0, elsewhereHits);
    }

    private static async Task<WebApplication> ServeAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort()}");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
