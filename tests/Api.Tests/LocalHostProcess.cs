using System.Diagnostics;

namespace IntegrationHub.Api.Tests;

/// <summary>
/// The local host as its own process (dotnet IntegrationHub.LocalHost.dll), configured by environment
/// variables as an operator's would be: a host that can be killed outright (SIGKILL) mid-run.
/// </summary>
public sealed class LocalHostProcess : IDisposable
{
    private readonly Process process;

    private LocalHostProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("The local host exited: " + await process.StandardError.ReadToEndAsync(timeout.Token));
                if (line.StartsWith("Hub listening on ", StringComparison.Ordinal))
                {
                    // Keep reading its output so that a full pipe never blocks it.
                    _ = process.StandardOutput.ReadToEndAsync();
                    _ = process.StandardError.ReadToEndAsync();
                    return new LocalHostProcess(process);
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

    /// <summary>SIGKILL: no shutdown, no message given back, no lease released.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}
