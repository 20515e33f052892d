using System.Text.Json;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Tests;

public sealed class SettingsTests
{
    private static Dictionary<string, string?> SampleValues()
    {
        var root = TestPaths.RepositoryRoot();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
    }

    [Fact]
    public void TheSampleSettingsBindAndValidate_AsEnvironmentVariablesWould()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleValues()).Build();
        using var services = new ServiceCollection().AddLogging().AddHubEngine(configuration).BuildServiceProvider();

        Assert.Equal("hub", services.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix);
        Assert.Equal(TimeSpan.FromHours(24), services.GetRequiredService<IOptions<ReconciliationOptions>>().Value.Grace);
        Assert.Equal(LgspAuthScheme.OAuthClientCredentials, services.GetRequiredService<IOptions<LgspOptions>>().Value.AuthScheme);
        Assert.Equal("000.00.00.H10", services.GetRequiredService<IOptions<PortalOptions>>().Value.UnitCode);
    }

    [Fact]
    public void TheSampleNamesEverySetting()
    {
        var keys = SampleValues().Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var optionTypes = new[] { typeof(MotcuaOptions), typeof(PortalOptions), typeof(LgspOptions), typeof(ResilienceOptions), typeof(SyncOptions), typeof(ReconciliationOptions), typeof(StorageOptions) };
        var skipped = new HashSet<string> { "Lgsp:AppName", "Lgsp:AccessKey", "Lgsp:SecretKey", "Reconciliation:Targets", "Reconciliation:ScoreGroups", "Reconciliation:DaysOff", "Reconciliation:WorkingDays", "Storage:ConnectionString" };
        var missing = optionTypes
            .SelectMany(t => t.GetProperties().Where(p => p.CanWrite).Select(p => t.Name.Replace("Options", "") + ":" + p.Name))
            .Where(k => !keys.Contains(k) && !skipped.Contains(k))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void MissingUpstreamSettingsAreReportedByName()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HubStorage"] = "UseDevelopmentStorage=true" }).Build();
        using var services = new ServiceCollection().AddLogging().AddHubEngine(configuration).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortalOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains("BaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://motcua.example.gov.vn/api", false)]
    [InlineData("ftp://127.0.0.1/motcua", false)]
    [InlineData("/motcua", false)]
    [InlineData("https://motcua.example.gov.vn/api", true)]
    [InlineData("http://127.0.0.1:5080/motcua", true)]
    [InlineData("http://localhost:5080/motcua", true)]
    [InlineData("http://[::1]:5080/motcua", true)]
    public void AnUpstreamUrlIsHttpsUnlessItIsThisMachine(string url, bool accepted)
    {
        var values = SampleValues();
        values["Motcua:BaseUrl"] = url;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddLogging().AddHubEngine(configuration).BuildServiceProvider();
        if (accepted)
        {
            Assert.Equal(url, services.GetRequiredService<IOptions<MotcuaOptions>>().Value.BaseUrl);
            return;
        }
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MotcuaOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains("BaseUrl must be an absolute https URL", StringComparison.Ordinal));
    }
}
