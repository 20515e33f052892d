namespace IntegrationHub.Engine.Connectors;

/// <summary>Fetches a page again when it arrives but does not parse (a cut answer); other failures pass through.</summary>
internal static class MalformedRetry
{
    public static async Task<T> RunAsync<T>(string system, int retries, Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ErrorKinds.Classify(ex) == ErrorKind.Malformed)
            {
                if (attempt >= retries) throw new UpstreamException(system, ErrorKind.Malformed, "the answer did not parse, also when fetched again", ex);
            }
        }
    }
}
