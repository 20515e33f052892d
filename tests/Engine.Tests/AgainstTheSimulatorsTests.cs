using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Tests;

public sealed class AgainstTheSimulatorsTests
{
    [Theory]
    [InlineData("21", "3000", "300")]
    [InlineData("22", "6000", "500")]
    public async Task AfterASyncTheOpenFindingsAreTheManifestAndTheKpisAreTheExpectedOnes(string seed, string dossiers, string procedures)
    {
        await using var hub = await HubHarness.StartAsync(["--seed", seed, "--dossiers", dossiers, "--procedures", procedures, "--plant-rate", "0.05"]);

        var result = await hub.SyncAllAsync();

        Assert.True(result.Succeeded, Describe(result));
        await hub.AssertMatchesSimulatorAsync();
    }

    internal static string Describe(HubRunResult result) =>
        string.Join("; ", result.Syncs.Select(s => $"{s.Source}: {s.Run?.Status} {s.Run?.Error}")) + $"; reconcile: {result.Reconcile?.Status} {result.Reconcile?.Error}";
}
