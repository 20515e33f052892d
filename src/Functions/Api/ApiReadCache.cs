using IntegrationHub.Engine.Queries;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Api;

/// <summary>
/// The answers agencies poll, kept per instance for <see cref="ApiOptions.CacheSeconds"/>
/// (<see cref="TimedCache{T}"/>): an agency's status, its KPIs of a period, pages of findings, the agencies' grid. Who
/// may read them is decided on every request; only what is read from storage is shared.
/// </summary>
public sealed class ApiReadCache(IOptions<ApiOptions> options)
{
    public TimedCache<AgencyStatus> Status { get; } = new(options.Value.CacheLifetime, TimeProvider.System);

    public TimedCache<KpiView> Kpis { get; } = new(options.Value.CacheLifetime, TimeProvider.System);

    public TimedCache<FindingPage> Findings { get; } = new(options.Value.CacheLifetime, TimeProvider.System);

    /// <summary>Every agency's grid line of a period, before it is cut to what the caller may read.</summary>
    public TimedCache<IReadOnlyList<AgencyOverview>> Overview { get; } = new(options.Value.CacheLifetime, TimeProvider.System);

    /// <summary>Each source's connection (the same for every agency).</summary>
    public TimedCache<IReadOnlyList<SourceStatus>> Sources { get; } = new(options.Value.CacheLifetime, TimeProvider.System);

    /// <summary>The periods the province has KPIs for.</summary>
    public TimedCache<IReadOnlyList<string>> Periods { get; } = new(options.Value.CacheLifetime, TimeProvider.System);
}
