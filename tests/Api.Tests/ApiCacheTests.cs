using System.Net;
using IntegrationHub.Engine.Security;

namespace IntegrationHub.Api.Tests;

/// <summary>What agencies poll is read from storage once per instance and lifetime (Api:CacheSeconds), not on every request.</summary>
public sealed class ApiCacheTests
{
    private const string Department = "000.00.01.H38";

    [Fact]
    public async Task RepeatedReadsTouchNoStorageWithinTheLifetime_ARevokedKeyStopsWorkingWhenItEnds()
    {
        // No queue listener: its polls of the run queue (every 2 s) go through the same counted storage.
        await using var hub = await ApiHarness.StartWithAsync(new Dictionary<string, string?> { ["Api:CacheSeconds"] = "3", ["LocalHost:Queues:Enabled"] = "false" },
            "--seed", "82", "--dossiers", "1000", "--procedures", "100", "--plant-rate", "0.05");
        var key = await hub.KeyAsync(ApiRole.Agency, Department);
        using var client = hub.Client(key);
        string[] paths = [$"agencies/{Department}/status", $"agencies/{Department}/kpis", $"agencies/{Department}/findings?pageSize=50"];
        var loaded = System.Diagnostics.Stopwatch.StartNew();
        var first = new List<string>();
        foreach (var path in paths) first.Add(await client.GetStringAsync(path));

        // Up to thirty more of each, while the answers are surely within their lifetime (a busy CI
        // machine once took longer than it for thirty): the same answers, and not one storage operation.
        var before = hub.Storage.Operations;
        var repeats = 0;
        for (; repeats < 30 && loaded.Elapsed < TimeSpan.FromSeconds(2); repeats++)
        {
            for (var p = 0; p < paths.Length; p++) Assert.Equal(first[p], await client.GetStringAsync(paths[p]));
        }
        Assert.True(repeats > 0, "not one repeat within the lifetime");
        Assert.Equal(before, hub.Storage.Operations);

        // Once the lifetime is over the answers are read again: more than the key's one point read.
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        var operations = hub.Storage.Operations;
        Assert.Equal(first[0], await client.GetStringAsync(paths[0]));
        Assert.True(hub.Storage.Operations - operations > 1, "the status was not read again after the lifetime");

        // A revoked key works at most for the rest of the lifetime, then is refused.
        Assert.True(await hub.Keys.RevokeAsync(key.Split('_')[1], CancellationToken.None));
        var revokedAt = DateTime.UtcNow;
        var deadline = revokedAt + TimeSpan.FromSeconds(10);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var response = await client.GetAsync(paths[0]);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.InRange(DateTime.UtcNow - revokedAt, TimeSpan.Zero, TimeSpan.FromSeconds(3.6));
    }
}
