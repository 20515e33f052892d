using System.Text.Json;
using IntegrationHub.Contracts.Lgsp;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Engine.Connectors;

/// <summary>Maps any failure to an <see cref="ErrorKind"/>.</summary>
public static class ErrorKinds
{
    public static ErrorKind Classify(Exception ex) => ex switch
    {
        UpstreamException u => u.Kind,
        Storage.SnapshotShrinkException => ErrorKind.Shrink,
        CursorRefusedException => ErrorKind.Protocol,
        BrokenCircuitException => ErrorKind.CircuitOpen,
        TimeoutRejectedException => ErrorKind.Timeout,
        OperationCanceledException => ErrorKind.Cancelled,
        HttpRequestException => ErrorKind.Unreachable,
        Azure.RequestFailedException => ErrorKind.Storage,
        JsonException => ErrorKind.Malformed,
        _ when StatusOf(ex) is { } status => status switch
        {
            200 => ErrorKind.Malformed,
            401 or 403 => ErrorKind.Unauthorized,
            429 => ErrorKind.Throttled,
            >= 500 => ErrorKind.ServerError,
            _ => ErrorKind.Protocol,
        },
        _ => ErrorKind.Other,
    };

    /// <summary>The HTTP status a generated client's exception carries.</summary>
    public static int? StatusOf(Exception ex) => ex switch
    {
        MotcuaClientException m => m.StatusCode,
        PortalClientException p => p.StatusCode,
        LgspClientException l => l.StatusCode,
        _ => null,
    };
}
