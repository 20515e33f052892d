using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Connectors;

/// <summary>The app name + access key + secret key scheme some provincial LGSPs use instead of OAuth2.</summary>
public sealed class AccessKeyAuthenticator(IOptions<LgspOptions> options) : ILgspAuthenticator
{
    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        request.Headers.Remove("X-App-Name");
        request.Headers.Remove("X-Access-Key");
        request.Headers.Remove("X-Secret-Key");
        request.Headers.Add("X-App-Name", o.AppName);
        request.Headers.Add("X-Access-Key", o.AccessKey);
        request.Headers.Add("X-Secret-Key", o.SecretKey);
        return Task.CompletedTask;
    }

    public void Invalidate()
    {
    }
}
