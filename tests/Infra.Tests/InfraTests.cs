using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Engine.Telemetry;

namespace IntegrationHub.Infra.Tests;

public sealed partial class InfraTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private static string Infra => Path.Combine(Root(), "infra");

    private static async Task<(int Exit, string Output, string Errors)> BicepAsync(params string[] args)
    {
        var path = typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Bicep").Value!;
        Assert.True(File.Exists(path), $"The Bicep CLI is not at {path}: restore the test project.");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Offline: no registry modules, no telemetry.
        info.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static async Task<string> CompiledAsync()
    {
        var (exit, output, errors) = await BicepAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        Assert.True(exit == 0, errors);
        return output;
    }

    [Fact]
    public async Task MainCompilesAndLintsWithoutASingleDiagnostic()
    {
        var (exit, output, errors) = await BicepAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        Assert.Equal(0, exit);
        Assert.Equal("", errors.Trim());
        using var template = JsonDocument.Parse(output);
        Assert.Contains("deploymentTemplate.json", template.RootElement.GetProperty("$schema").GetString());

        var lint = await BicepAsync("lint", Path.Combine(Infra, "main.bicep"));
        Assert.Equal(0, lint.Exit);
        Assert.Equal("", (lint.Output + lint.Errors).Trim());
    }

    [Fact]
    public async Task TheLinterWouldReportAWarning_SoSilenceMeansNone()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lint-{Guid.NewGuid():N}.bicep");
        await File.WriteAllTextAsync(file, "param unused string\n");
        try
        {
            var lint = await BicepAsync("lint", file);
            Assert.Contains("no-unused-params", lint.Output + lint.Errors);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EveryAppSettingTheCodeReadsIsSetByTheBicep()
    {
        var compiled = await CompiledAsync();
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root(), "local.settings.sample.json")));
        // Locally these are connection strings; in Azure the same settings come identity-based, and
        // Flex Consumption sets the worker runtime in functionAppConfig instead of an app setting.
        var inAzure = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "AzureWebJobsStorage__accountName",
            ["HubStorage"] = "HubStorage__tableServiceUri",
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        };
        var missing = sample.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => inAzure.GetValueOrDefault(p.Name, p.Name))
            .Where(name => !compiled.Contains($"\"{name}\"", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
        Assert.Contains("\"APPLICATIONINSIGHTS_CONNECTION_STRING\"", compiled);
        Assert.Contains("@Microsoft.KeyVault(", compiled);
        Assert.DoesNotContain("AccountKey=", compiled);
    }

    [Fact]
    public void EveryMetricAndDimensionAnAlertOrTheWorkbookQueriesIsInTheRegistry()
    {
        var text = string.Join("\n", Directory.GetFiles(Path.Combine(Infra, "modules"), "*.bicep").Select(File.ReadAllText));
        var metrics = MetricName().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        var dimensions = DimensionName().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Equal(17, AlertedKpis().Matches(File.ReadAllText(Path.Combine(Infra, "modules", "alerts.bicep"))).Count);
        Assert.NotEmpty(metrics);
        Assert.All(metrics, m => Assert.Contains(m, TelemetryNames.Metrics));
        Assert.All(dimensions, d => Assert.Contains(d, TelemetryNames.Dimensions.All));
        // The alerts the issue asks for are all there.
        foreach (var key in new[] { "sync-failed", "sync-stale", "source-down", "dead-timer", "function-failures", "closed-before-result", "run-lost" })
        {
            Assert.Contains($"key: '{key}'", text);
        }
    }

    [Fact]
    public async Task PublishingIsByIdentityOnly_AndRawPagesStayRecoverable()
    {
        using var template = JsonDocument.Parse(await CompiledAsync());
        var resources = Resources(template.RootElement).ToList();
        JsonElement Properties(JsonElement r) => r.GetProperty("properties");

        // FTP and SCM basic credentials are switched off.
        var policies = resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(Properties(p).GetProperty("allow").GetBoolean()));
        Assert.Contains(policies, p => p.GetProperty("name").GetString()!.Contains("'ftp'", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.GetProperty("name").GetString()!.Contains("'scm'", StringComparison.Ordinal));

        // The raw-page archive: soft delete for blobs and containers, versioning on.
        var blobService = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/blobServices");
        Assert.True(Properties(blobService).GetProperty("isVersioningEnabled").GetBoolean());
        Assert.True(Properties(blobService).GetProperty("deleteRetentionPolicy").GetProperty("enabled").GetBoolean());
        Assert.True(Properties(blobService).GetProperty("containerDeleteRetentionPolicy").GetProperty("enabled").GetBoolean());

        // The identity may contribute blob data, never own it.
        var text = template.RootElement.GetRawText();
        Assert.Contains(StorageBlobDataContributor, text);
        Assert.DoesNotContain(StorageBlobDataOwner, text);
    }

    [Fact]
    public async Task TheRunQueuesExist_TheAppReadsThemByIdentity_AndScaleOutIsAParameter()
    {
        using var template = JsonDocument.Parse(await CompiledAsync());
        var resources = Resources(template.RootElement).ToList();
        var queues = resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(r => r.GetProperty("name").GetString()!).ToList();
        var prefix = new IntegrationHub.Engine.Storage.StorageOptions().Prefix;
        var runQueue = IntegrationHub.Engine.Storage.HubStorage.RunQueueName(prefix);
        Assert.Contains(queues, q => q.Contains($"'{runQueue}'", StringComparison.Ordinal));
        Assert.Contains(queues, q => q.Contains($"'{runQueue}{IntegrationHub.Engine.Storage.HubStorage.PoisonSuffix}'", StringComparison.Ordinal));
        var text = template.RootElement.GetRawText();
        Assert.Contains("HubStorage__queueServiceUri", text);
        Assert.Contains(StorageQueueDataContributor, text);
        // The instance cap is the main template's parameter, passed down to functionAppConfig.
        var parameter = template.RootElement.GetProperty("parameters").GetProperty("maximumInstanceCount");
        Assert.Equal("int", parameter.GetProperty("type").GetString());
        var site = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        var scale = site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency").GetProperty("maximumInstanceCount").GetString();
        Assert.Equal("[parameters('maximumInstanceCount')]", scale);
    }

    [Fact]
    public async Task AzdFindsTheTemplate_ItsParameters_AndTheAppToDeployTo()
    {
        var yaml = await File.ReadAllLinesAsync(Path.Combine(Root(), "azure.yaml"));
        Assert.Contains("  provider: bicep", yaml);
        Assert.Contains("  path: infra", yaml);
        Assert.Contains("  module: main", yaml);
        Assert.Contains("  hub:", yaml);
        Assert.Contains("    host: function", yaml);
        var project = yaml.Single(l => l.StartsWith("    project: ", StringComparison.Ordinal))["    project: ".Length..];
        Assert.True(File.Exists(Path.Combine(Root(), project, "Functions.csproj")), project);

        using var template = JsonDocument.Parse(await CompiledAsync());
        var declared = template.RootElement.GetProperty("parameters");
        using var parameters = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Infra, "main.parameters.json")));
        var given = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(given, name => Assert.True(declared.TryGetProperty(name, out _), name));
        var required = declared.EnumerateObject().Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name);
        Assert.All(required, name => Assert.Contains(name, given));
        var site = Assert.Single(Resources(template.RootElement), r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        Assert.Equal("hub", site.GetProperty("tags").GetProperty("azd-service-name").GetString());
    }

    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

    /// <summary>Every resource of the compiled template, nested module deployments included.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources)) yield break;
        // Bicep's language version 2 writes resources as an object keyed by symbolic name.
        var all = resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray().ToList() : resources.EnumerateObject().Select(p => p.Value).ToList();
        foreach (var r in all)
        {
            yield return r;
            if (r.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("template", out var nested))
            {
                foreach (var n in Resources(nested)) yield return n;
            }
        }
    }

    [Fact]
    public async Task EveryAlertAndWorkbookQueryParsesAndResolvesAgainstTheApplicationInsightsTables()
    {
        var queries = Directory.GetFiles(Path.Combine(Infra, "modules"), "*.bicep")
            .SelectMany(f => BicepQuery().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Query: Kql(m.Groups[1].Value))))
            .Where(q => q.Query.Length > 0)
            .ToList();
        // Every operational rule, the per-KPI rule and the workbook's tiles.
        Assert.True(queries.Count >= 16, $"{queries.Count} queries found");

        var errors = await AnalyzeAsync(queries.Select(q => q.Query).ToList());

        Assert.All(queries.Zip(errors), pair => Assert.True(pair.Second.Count == 0, $"{pair.First.File}: {pair.First.Query}\n{string.Join("\n", pair.Second)}"));
    }

    [Fact]
    public async Task TheKustoCheckWouldCatchAMisspeltTableColumnOrFunction()
    {
        var errors = await AnalyzeAsync(
        [
            "customMetric | where name == 'hub.sync.runs'",
            "customMetrics | where nam == 'hub.sync.runs'",
            "customMetrics | summarize sun(valueSum) by tostring(customDimensions.source)",
            "requests | summarize count() by tostring(customDimension.source)",
        ]);
        Assert.All(errors, e => Assert.NotEmpty(e));
        Assert.Contains("KS204", errors[0][0]);
    }

    /// <summary>A query as Azure receives it: Bicep escapes undone, interpolations given a value of the right shape.</summary>
    private static string Kql(string bicep) =>
        Interpolation().Replace(bicep.Replace("\\'", "'").Replace("\\\\", "\\"), "3").Trim();

    /// <summary>Runs tests/Infra.Tests/Kql/analyze.js (the Kusto language service from npm) over the queries: the errors of each.</summary>
    private static async Task<List<List<string>>> AnalyzeAsync(IReadOnlyList<string> queries)
    {
        var script = Path.Combine(Root(), "tests", "Infra.Tests", "Kql", "analyze.js");
        Assert.True(Directory.Exists(Path.Combine(Root(), "node_modules", "@kusto", "language-service-next")), "Run npm ci at the repository root: the Kusto language service is an npm package.");
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(Root());
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(queries));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return JsonSerializer.Deserialize<List<List<string>>>(await output)!;
    }

    [GeneratedRegex(@"query: '((?:[^'\\]|\\.)*)'")]
    private static partial Regex BicepQuery();

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex("\"(hub\\.[a-z_.]+)\"")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"customDimensions\.([a-z_]+)")]
    private static partial Regex DimensionName();

    [GeneratedRegex(@"^  '[a-z_]+'$", RegexOptions.Multiline)]
    private static partial Regex AlertedKpis();
}
