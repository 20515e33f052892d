using System.Diagnostics;

namespace IntegrationHub.TestSupport;

/// <summary>The simulator as its own process, started the way an operator would (dotnet IntegrationHub.Simulators.dll ...).</summary>
public sealed class SimulatorProcess : IDisposable
{
    private readonly Process process;

    private SimulatorProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    /// <summary>Resident memory of the simulator process, in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public static async Task<SimulatorProcess> StartAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Simulators.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args.Concat(["--urls", "http://127.0.0.1:0"])) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("The simulator exited: " + await process.StandardError.ReadToEndAsync(timeout.Token));
                const string marker = "Simulators listening on ";
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    return new SimulatorProcess(process, new Uri(line[marker.Length..].Split(' ')[0].TrimEnd('/') + "/"));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
        process.Dispose();
    }
}
