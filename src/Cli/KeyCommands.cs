using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Cli;

/// <summary>hub keys create|list|revoke: the API keys ICT staff issue; only a hash of each is stored.</summary>
public sealed class KeyCommands(IServiceProvider services, TextWriter output, TextWriter errors)
{
    public async Task<int> CreateAsync(Dictionary<string, string?> options, CancellationToken cancellationToken)
    {
        var admin = options.ContainsKey("admin");
        var agency = options.GetValueOrDefault("agency");
        if (admin == (agency is not null)) throw new UsageException("Give either --agency CODE or --admin.");
        if (agency is not null && !Engine.Security.AgencyCodes.IsWellFormed(agency)) throw new UsageException($"'{agency}' is not an agency code (e.g. 000.00.01.H10).");
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        var (key, secret) = await services.GetRequiredService<Engine.Security.ApiKeyStore>()
            .CreateAsync(admin ? Engine.Security.ApiRole.Admin : Engine.Security.ApiRole.Agency, agency ?? "*", options.GetValueOrDefault("label") ?? "", cancellationToken);
        await output.WriteLineAsync(secret);
        await errors.WriteLineAsync($"Key {key.Id} for {(admin ? "ICT staff (admin)" : agency)}. Shown once: store it now; the hub keeps only its hash.");
        return 0;
    }

    public async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        foreach (var k in await services.GetRequiredService<Engine.Security.ApiKeyStore>().ListAsync(cancellationToken))
        {
            await output.WriteLineAsync($"{k.Id} {k.Role,-6} {k.Agency,-14} created {Commands.Iso(k.Created)} {(k.Revoked is { } r ? "revoked " + Commands.Iso(r) : "active")} {k.Label}");
        }
        return 0;
    }

    public async Task<int> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<HubStorage>().EnsureCreatedAsync(cancellationToken);
        if (await services.GetRequiredService<Engine.Security.ApiKeyStore>().RevokeAsync(id, cancellationToken))
        {
            await output.WriteLineAsync($"Key {id} revoked.");
            return 0;
        }
        await errors.WriteLineAsync($"No key {id}.");
        return 1;
    }
}
