namespace IntegrationHub.Infra.Tests;

/// <summary>Azurite calls out to the cloud metadata address and a telemetry endpoint unless told not to: every start must say --disableTelemetry.</summary>
public sealed class EmulatorHygieneTests
{
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", ".git", ".hub", "TestResults"];

    private static IEnumerable<string> ScriptsAndDocuments(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(Skipped.Contains)) continue;
            var name = Path.GetFileName(file);
            // The lock file has no commands; this test and its scanner hold deliberately bad examples.
            if (name is "package-lock.json" or nameof(EmulatorHygieneTests) + ".cs" or nameof(AzuriteStarts) + ".cs") continue;
            var extension = Path.GetExtension(file);
            if (extension is ".sh" or ".bash" or ".md" or ".json" or ".cs" or ".yml" or ".yaml" or ".ps1" or ".cmd" || name is "hub" or "run") yield return file;
        }
    }

    [Fact]
    public void EveryScriptAndDocumentThatStartsAzuriteDisablesItsTelemetry()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        Assert.True(File.Exists(Path.Combine(root, "IntegrationHub.sln")), root);
        var starts = ScriptsAndDocuments(root)
            .SelectMany(f => AzuriteStarts.Find(File.ReadAllText(f)).Select(s => (File: Path.GetRelativePath(root, f), s.Line, s.Command)))
            .ToList();

        // The places known to start it are found, so an empty result cannot pass for a clean one.
        Assert.Contains(starts, s => s.File == Path.Combine("eng", "azurite.bash"));
        Assert.Contains(starts, s => s.File == "package.json");
        var offenders = starts.Where(s => !AzuriteStarts.DisablesTelemetry(s.Command)).Select(s => $"{s.File}:{s.Line}: {s.Command}").ToList();
        Assert.True(offenders.Count == 0, "Azurite started without --disableTelemetry:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("node_modules/.bin/azurite --inMemoryPersistence --silent &")]
    [InlineData("\"$root/node_modules/.bin/azurite\" --inMemoryPersistence \\\n  --disableTelemetry-not-really")]
    [InlineData("npx azurite")]
    [InlineData("    \"azurite\": \"azurite --inMemoryPersistence --skipApiVersionCheck\"")]
    [InlineData("azurite-table --tablePort 10002")]
    [InlineData("`azurite -l /tmp/azurite`")]
    public void AStartWithoutTheFlagIsCaught(string text)
    {
        Assert.False(AzuriteStarts.DisablesTelemetry(Assert.Single(AzuriteStarts.Find(text)).Command));
    }

    [Theory]
    [InlineData("azurite --inMemoryPersistence \\\n  --disableTelemetry --silent")]
    [InlineData("npx azurite --disableTelemetry")]
    public void AStartWithTheFlagPasses(string text) => Assert.True(AzuriteStarts.DisablesTelemetry(Assert.Single(AzuriteStarts.Find(text)).Command));

    [Theory]
    [InlineData("Azurite (the storage emulator) is installed by npm ci.")]
    [InlineData("    \"azurite\": \"3.37.0\"")]
    [InlineData("npm ci && npm run azurite`.")]
    [InlineData("azurite_start \"$log\" $ports")]
    public void ProseAndVersionsAreNotStarts(string text) => Assert.Empty(AzuriteStarts.Find(text));
}
