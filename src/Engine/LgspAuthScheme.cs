namespace IntegrationHub.Engine;

/// <summary>How the hub authenticates to LGSP; provinces differ.</summary>
public enum LgspAuthScheme
{
    /// <summary>OAuth2 client credentials at {BaseUrl}/token.</summary>
    OAuthClientCredentials,
    /// <summary>App name + access key + secret key headers on every call.</summary>
    AccessKey,
}
