using System.Diagnostics;
using System.Text;

namespace IntegrationHub.Cli.Tests;

/// <summary>The hub CLI as its own process (dotnet hub.dll ...), configured through environment variables as in production.</summary>
public sealed class HubProcess
{
    public static Dictionary<string, string> Environment(Uri sim, string prefix, DateTimeOffset now) => new()
    {
        ["HubStorage"] = TestStorage.ConnectionString,
        ["Storage__Prefix"] = prefix,
        ["Motcua__BaseUrl"] = new Uri(sim, "motcua/").ToString(),
        ["Motcua__ApiKey"] = SimulatorServer.MotcuaKey,
        ["Portal__BaseUrl"] = new Uri(sim, "portal/").ToString(),
        ["Portal__Username"] = SimulatorServer.PortalUser,
        ["Portal__Password"] = SimulatorServer.PortalPassword,
        ["Portal__UnitCode"] = SimulatorServer.PortalUnit,
        ["Lgsp__BaseUrl"] = new Uri(sim, "lgsp/").ToString(),
        ["Lgsp__ClientId"] = SimulatorServer.LgspClientId,
        ["Lgsp__ClientSecret"] = SimulatorServer.LgspClientSecret,
        ["Clock__Now"] = now.ToString("o"),
    };

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hub.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return Process.Start(info)!;
    }

    /// <summary>Runs to the end (at most five minutes) and returns exit code, standard output and standard error.</summary>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await errors);
    }
}
