using System.Text.Json;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Functions.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Functions.Tests;

public sealed class HealthFunctionTests
{
    private static HealthFunction Create(string connectionString) =>
        new(new HubStorage(connectionString, "health"), NullLogger<HealthFunction>.Instance);

    [Fact]
    public async Task AnswersHealthyWhenTablesAndBlobsAreReachable()
    {
        var result = Assert.IsType<ObjectResult>(await Create(TestStorage.ConnectionString).Run(new DefaultHttpContext().Request, CancellationToken.None));

        var report = Assert.IsType<HealthReport>(result.Value);
        Assert.True(result.StatusCode == 200, "Azurite must be running on 127.0.0.1 (see README): " + JsonSerializer.Serialize(report));
        Assert.Equal(new HealthReport("Healthy", new StorageHealth("Reachable", "Reachable")), report);
    }

    [Fact]
    public async Task Answers503WithoutSecretsWhenStorageIsDown()
    {
        var result = Assert.IsType<ObjectResult>(await Create(TestStorage.Unreachable).Run(new DefaultHttpContext().Request, CancellationToken.None));

        Assert.Equal(503, result.StatusCode);
        var report = Assert.IsType<HealthReport>(result.Value);
        Assert.Equal(new HealthReport("Unhealthy", new StorageHealth("Unreachable", "Unreachable")), report);
        var json = JsonSerializer.Serialize(report);
        Assert.DoesNotContain("AccountKey", json);
        Assert.DoesNotContain("devstoreaccount1", json);
    }

    [Fact]
    public void RefusesToStartWithoutAStorageSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new HubStorage("", "hub"));
        Assert.Contains("HubStorage", ex.Message);
    }
}
