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

    public Task<Page<Dossier>> DossiersAsync(DateTimeOffset? since, string? cursor, CancellationToken cancellationToken) =>
        ReadAsync(async () => await Client().ListDossiersAsync(since, cursor, options.Value.PageSize, cancellationToken), p => (p.Items, p.NextCursor, p.AsOf));

    private async Task<Page<T>> ReadAsync<TPage, T>(Func<Task<TPage>> call, Func<TPage, (List<T> Items, string? Next, DateTimeOffset AsOf)> parts)
    {
        using var capture = PageCapture.Begin();
        var page = await MalformedRetry.RunAsync(UpstreamSystems.Motcua, resilience.Value.MalformedPageRetries, call);
        var (items, next, asOf) = parts(page);
        return new Page<T>(items, next, asOf, capture.Capture.Body);
    }
}
