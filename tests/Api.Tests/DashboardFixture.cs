using Microsoft.Playwright;

namespace IntegrationHub.Api.Tests;

/// <summary>
/// The local host over a synced simulator, and headless Chromium from Debian's chromium package
/// (driven by Playwright; no browser is downloaded), shared by the dashboard's tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser (.ci/run installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public ApiHarness Hub { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots of the pages the tests visit, kept as test artifacts.</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard");

    public Uri Dashboard => new(Hub.Address, "dashboard/");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (.ci/run does).");
        Directory.CreateDirectory(Screenshots);
        Hub = await ApiHarness.StartAsync("--seed", "83", "--dossiers", "2000", "--procedures", "120", "--plant-rate", "0.05");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox as root in CI; nothing of Chromium's own may reach outside loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own session storage) on a laptop-sized or a phone-sized screen.</summary>
    public async Task<IPage> PageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await Hub.DisposeAsync();
    }
}
