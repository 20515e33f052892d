using IntegrationHub.Contracts.Lgsp;

namespace IntegrationHub.Engine.Connectors;

/// <summary>LGSP, through the client generated from lgsp.json; authentication is the pipeline's (see <see cref="LgspAuthHandler"/>).</summary>
public sealed class LgspConnector(IHttpClientFactory factory)
{
    public const string ClientName = "lgsp";

    private LgspClient Client() => new(factory.CreateClient(ClientName));

    public async Task<Page<Application>> ApplicationsAsync(CancellationToken cancellationToken)
    {
        using var capture = PageCapture.Begin();
        var list = await Client().ListApplicationsAsync(null, cancellationToken);
        return new Page<Application>(list.Data, null, null, capture.Capture.Body);
    }

    public async Task<Page<DataService>> ServicesAsync(CancellationToken cancellationToken)
    {
        using var capture = PageCapture.Begin();
        var list = await Client().ListServicesAsync(cancellationToken);
        return new Page<DataService>(list.Data, null, null, capture.Capture.Body);
    }

    public async Task<Page<MonitoringRow>> MonitoringAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var capture = PageCapture.Begin();
        var list = await Client().ListMonitoringAsync(from, to, null, cancellationToken);
        return new Page<MonitoringRow>(list.Data, null, null, capture.Capture.Body);
    }
}
