namespace IntegrationHub.Simulators.Faults;

/// <summary>Applies the configured faults to the three systems' endpoints (never to /_sim or the OpenAPI documents).</summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultState faults, SimClock clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var system = SystemOf(context.Request.Path);
        if (system is null || context.Request.Path.Value!.EndsWith("/openapi.json", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var settings = faults.Get(system);
        var aborted = context.RequestAborted;
        if (settings.Outage)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (settings.Redirect)
        {
            // TEST-NET-1: an address that is never anyone's; the hub must not follow, so nothing goes there.
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = "http://192.0.2.1" + context.Request.Path + context.Request.QueryString;
            return;
        }
        if (settings.LatencyMs > 0)
        {
            await Task.Delay(settings.LatencyMs, aborted);
        }

        switch (faults.Draw(system))
        {
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.Timeout:
                await Task.Delay(TimeSpan.FromSeconds(settings.TimeoutSeconds), aborted);
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                return;
            case FaultKind.Error:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Simulated server error", aborted);
                return;
            case FaultKind.Throttle:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            case FaultKind.Malformed:
                await WriteMalformedAsync(context);
                return;
            default:
                if (settings.BadRecords || settings.StuckCursor || settings.FutureAsOfHours is not null) await WriteRewrittenAsync(context, settings);
                else await next(context);
                return;
        }
    }

    /// <summary>Runs the endpoint with its answer held back: the bytes it wrote, nothing sent yet.</summary>
    private async Task<byte[]> AnswerOfAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
            // Endpoints that write through the response's PipeWriter leave bytes in it until flushed.
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
        return buffer.ToArray();
    }

    /// <summary>Runs the endpoint, then rewrites a good answer's content (<see cref="AnswerRewrites"/>).</summary>
    private async Task WriteRewrittenAsync(HttpContext context, FaultSettings settings)
    {
        var body = await AnswerOfAsync(context);
        var dossiers = context.Request.Path.StartsWithSegments("/motcua/api/v1/dossiers");
        var cursor = context.Request.Query["cursor"].FirstOrDefault();
        if (context.Response.StatusCode == StatusCodes.Status200OK
            && AnswerRewrites.Apply(body, settings, cursor, dossiers, clock.Now) is { } rewritten)
        {
            body = rewritten;
        }
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Runs the endpoint, then sends only the first half of its answer: a page that does not parse.</summary>
    private async Task WriteMalformedAsync(HttpContext context)
    {
        var answer = await AnswerOfAsync(context);
        var bytes = answer.Length > 1 ? answer : "{\"items\":["u8.ToArray();
        var half = bytes.Length / 2;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = half;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, half), context.RequestAborted);
    }

    public static string? SystemOf(PathString path)
    {
        foreach (var system in FaultState.Systems)
        {
            if (path.StartsWithSegments("/" + system)) return system;
        }
        return null;
    }
}
