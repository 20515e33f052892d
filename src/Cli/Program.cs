using IntegrationHub.Cli;
using IntegrationHub.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// hub: the engine from the command line, for ICT staff and for backfills that outlive a function's time limit.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Commands.Usage);
    return 0;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("System.Net.Http", LogLevel.Warning).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(Clocks.FromConfiguration(builder.Configuration));
builder.Services.AddHubEngine(builder.Configuration);
using var host = builder.Build();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await new Commands(host.Services, Console.Out, Console.Error).RunAsync(args, cancel.Token);
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(Commands.Usage);
    return 2;
}
catch (Exception ex) when (StorageUnreachable(ex))
{
    await Console.Error.WriteLineAsync("Storage is not reachable (" + (ex.InnerException ?? ex).Message + "). Locally, `./hub <command>` "
        + "works while `./hub up` is running (it starts the emulator); otherwise check the HubStorage setting.");
    return 1;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration is incomplete: " + string.Join("; ", ex.Failures));
    return 2;
}

// No answer at all from storage (status 0: refused, unresolved, timed out), after the SDK's retries.
static bool StorageUnreachable(Exception ex) => ex switch
{
    Azure.RequestFailedException { Status: 0 } => true,
    AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(StorageUnreachable),
    _ => false,
};
