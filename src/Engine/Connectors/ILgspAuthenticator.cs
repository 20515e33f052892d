namespace IntegrationHub.Engine.Connectors;

/// <summary>How the hub proves itself to LGSP. Provinces differ, so this is the pluggable part of the connector.</summary>
public interface ILgspAuthenticator
{
    /// <summary>Adds credentials to an outgoing request.</summary>
    Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Forgets cached credentials after LGSP refused them.</summary>
    void Invalidate();
}
