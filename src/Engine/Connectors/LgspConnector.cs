using IntegrationHub.Contracts.Lgsp;

namespace IntegrationHub.Engine.Connectors;

/// <summary>LGSP, through the client generated from lgsp.json; authentication is the pipeline's (see <see cref="LgspAuthHandler"/>).</summary>
public sealed class LgspConnector(IHttpClientFactory factory)
{
    public const string ClientName = "lgsp";

    private LgspClient Client() => new(factory.CreateClient(ClientName));

    /// <summary>The list of every LGSP answer.</summary>
    private const string ListProperty = "data";

    /// <summary>
    /// Reads a list; one that arrives whole but holds records that do not parse keeps the others
    /// (<see cref="TolerantPage"/>); one that does not parse at all fails as before.
    /// </summary>
    private static async Task<Page<T>> ReadAsync<TList, T>(Func<Task<TList>> call, Func<TList, ICollection<T>> items)
        where TList : class
    {
        using var capture = PageCapture.Begin();
        try
        {
            return new Page<T>([.. items(await call())], null, null, capture.Capture.Body);
        }
        catch (Exception ex) when (ErrorKinds.Classify(ex) == ErrorKind.Malformed
            && TolerantPage.Read<TList, T>(capture.Capture.Body, ListProperty, LgspClient.SerializerOptions) is { } tolerant)
        {
            return new Page<T>(tolerant.Items, null, null, capture.Capture.Body, tolerant.Rejected);
        }
    }

    public Task<Page<Application>> ApplicationsAsync(CancellationToken cancellationToken) =>
        ReadAsync(() => Client().ListApplicationsAsync(null, cancellationToken), list => list.Data);

    public Task<Page<DataService>> ServicesAsync(CancellationToken cancellationToken) =>
        ReadAsync(() => Client().ListServicesAsync(cancellationToken), list => list.Data);

    public Task<Page<MonitoringRow>> MonitoringAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadAsync(() => Client().ListMonitoringAsync(from, to, null, cancellationToken), list => list.Data);
}
