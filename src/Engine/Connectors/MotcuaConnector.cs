using IntegrationHub.Contracts.Motcua;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Connectors;

/// <summary>The provincial case system, through the client generated from motcua.json.</summary>
public sealed class MotcuaConnector(IHttpClientFactory factory, IOptions<MotcuaOptions> options, IOptions<ResilienceOptions> resilience)
{
    public const string ClientName = "motcua";

    private MotcuaClient Client() => new(factory.CreateClient(ClientName));

    public Task<Page<Agency>> AgenciesAsync(DateTimeOffset? since, string? cursor, CancellationToken cancellationToken) =>
        ReadAsync(async () => await Client().ListAgenciesAsync(since, cursor, 1000, cancellationToken), p => (p.Items, p.NextCursor, p.AsOf));

    public Task<Page<Procedure>> ProceduresAsync(DateTimeOffset? since, string? cursor, CancellationToken cancellationToken) =>
        ReadAsync(async () => await Client().ListProceduresAsync(since, cursor, 1000, cancellationToken), p => (p.Items, p.NextCursor, p.AsOf));

    public async Task<Page<Dossier>> DossiersAsync(DateTimeOffset? since, string? cursor, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(async () => await Client().ListDossiersAsync(since, cursor, options.Value.PageSize, cancellationToken), p => (p.Items, p.NextCursor, p.AsOf));
        }
        catch (MotcuaClientException<Problem> ex) when (cursor is not null && ex.StatusCode is 400 or 410 && ex.Result?.Type?.EndsWith("cursor", StringComparison.Ordinal) == true)
        {
            throw new CursorRefusedException(UpstreamSystems.Motcua, ex);
        }
    }

    /// <summary>
    /// Reads a page; one that arrives whole but holds records that do not parse keeps the others
    /// (<see cref="TolerantPage"/>), one that does not parse at all is fetched again.
    /// </summary>
    private async Task<Page<T>> ReadAsync<TPage, T>(Func<Task<TPage>> call, Func<TPage, (List<T> Items, string? Next, DateTimeOffset AsOf)> parts)
        where TPage : class
    {
        using var capture = PageCapture.Begin();
        return await MalformedRetry.RunAsync(UpstreamSystems.Motcua, resilience.Value.MalformedPageRetries, async () =>
        {
            try
            {
                var (items, next, asOf) = parts(await call());
                return new Page<T>(items, next, asOf, capture.Capture.Body);
            }
            catch (Exception ex) when (ErrorKinds.Classify(ex) == ErrorKind.Malformed
                && TolerantPage.Read<TPage, T>(capture.Capture.Body, ItemsProperty, MotcuaClient.SerializerOptions) is { } tolerant)
            {
                var (_, next, asOf) = parts(tolerant.Envelope);
                return new Page<T>(tolerant.Items, next, asOf, capture.Capture.Body, tolerant.Rejected);
            }
        });
    }

    /// <summary>The list of every paged answer of the case system.</summary>
    private const string ItemsProperty = "items";
}
