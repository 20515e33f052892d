using System.Buffers;
using System.Globalization;
using System.Text.Json;
using IntegrationHub.Simulators.Data;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// /_sim: the rehearsal controls. The answer key (manifest, expected KPIs), the simulated clock and
/// the fault switches. Never subject to faults.
/// </summary>
public sealed class ControlApi(SimulatorOptions options, DossierGenerator generator, GroundTruth truth, SimClock clock, FaultState faults, CatalogueChanges changes)
{
    private static readonly JsonSerializerOptions Lines = new(JsonSerializerDefaults.Web);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_sim/manifest", (HttpContext context) =>
            WriteLinesAsync(context, truth.Manifest(clock.Now, context.RequestAborted)));
        app.MapGet("/_sim/expected-kpis", (HttpContext context) =>
            WriteLinesAsync(context, truth.ExpectedKpis(clock.Now, context.RequestAborted)));
        app.MapGet("/_sim/clock", () => Results.Json(new ClockState(clock.Now)));
        app.MapPost("/_sim/clock", async (HttpRequest request) =>
        {
            ClockChange? change;
            try
            {
                change = await request.ReadFromJsonAsync<ClockChange>(request.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                change = null;
            }
            var by = change?.Hours is { } hours ? TimeSpan.FromHours(hours)
                : change?.Advance is { } text && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : (TimeSpan?)null;
            if (by is null || by < TimeSpan.Zero || by > TimeSpan.FromDays(366))
            {
                return Results.Problem(statusCode: 400, title: "Give {\"hours\": n} or {\"advance\": \"d.hh:mm:ss\"}, forward, at most a year",
                    type: "urn:sim:problem:invalid-clock");
            }
            return Results.Json(new ClockState(clock.Advance(by.Value)));
        });
        app.MapGet("/_sim/faults", () => Results.Json(faults.All()));
        app.MapPost("/_sim/faults", async (HttpRequest request) =>
        {
            try
            {
                var update = await request.ReadFromJsonAsync<FaultUpdate>(request.HttpContext.RequestAborted)
                    ?? throw new ArgumentException("Empty body.");
                foreach (var (system, settings) in new[] { ("portal", update.Portal), ("lgsp", update.Lgsp), ("motcua", update.Motcua) })
                {
                    settings?.Validate(system);
                }
                foreach (var (system, settings) in new[] { ("portal", update.Portal), ("lgsp", update.Lgsp), ("motcua", update.Motcua) })
                {
                    if (settings is not null || update.ExpireSessions) faults.Set(system, settings ?? faults.Get(system), update.ExpireSessions);
                }
                return Results.Json(faults.All());
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return Results.Problem(statusCode: 400, title: "Invalid fault settings", detail: ex.Message, type: "urn:sim:problem:invalid-faults");
            }
        });
        app.MapPost("/_sim/agencies/{code}", (string code, HttpRequest request) => ChangeAsync<AgencyInfo, AgencyChange>(request, "agency",
            generator.Province.FindAgency(code), code, "Give {\"level\": \"Province\"|\"Department\"|\"District\"|\"Commune\"}.",
            (agency, change) =>
            {
                // Names only: Enum.TryParse would also take "2".
                if (!Enum.GetNames<Level>().Contains(change.Level, StringComparer.OrdinalIgnoreCase)) return false;
                changes.SetLevel(agency, Enum.Parse<Level>(change.Level!, ignoreCase: true));
                return true;
            },
            agency => new { agency.Code, Level = changes.LevelOf(agency).ToString() }));
        app.MapPost("/_sim/procedures/{code}", (string code, HttpRequest request) => ChangeAsync<ProcedureInfo, ProcedureChange>(request, "procedure",
            generator.Province.FindProcedure(code), code, "Give {\"fullOnline\": true|false}.",
            (procedure, change) =>
            {
                if (change.FullOnline is not { } fullOnline) return false;
                changes.SetFullOnline(procedure, fullOnline, clock.Now);
                return true;
            },
            procedure => new { procedure.Code, FullOnline = changes.FullOnline(procedure) }));
        app.MapGet("/_sim/info", () => Results.Json(new
        {
            options.Seed,
            options.Dossiers,
            options.Procedures,
            options.PlantRate,
            options.GraceHours,
            options.DataStart,
            Now = clock.Now,
            VisibleDossiers = generator.VisibleCount(clock.Now),
        }));
    }

    private static async Task WriteLinesAsync<T>(HttpContext context, IEnumerable<T> lines)
    {
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        var writer = context.Response.BodyWriter;
        var count = 0;
        await using var json = new Utf8JsonWriter(writer);
        foreach (var line in lines)
        {
            JsonSerializer.Serialize(json, line, Lines);
            json.Flush();
            json.Reset();
            writer.Write("\n"u8);
            if (++count % 1000 == 0) await writer.FlushAsync(context.RequestAborted);
        }
        await writer.FlushAsync(context.RequestAborted);
    }

    private sealed record ClockState(DateTimeOffset Now);

    private sealed record ClockChange(double? Hours, string? Advance);

    /// <summary>
    /// A catalogue change of the rehearsal: 404 for an unknown subject, 400 (problem+json) for a body
    /// that is not JSON or that <paramref name="apply"/> refuses, else the subject as it is now.
    /// </summary>
    private static async Task<IResult> ChangeAsync<TSubject, TChange>(HttpRequest request, string kind, TSubject? subject, string code, string hint,
        Func<TSubject, TChange, bool> apply, Func<TSubject, object> answer)
        where TSubject : class
    {
        if (subject is null)
        {
            return Results.Problem(statusCode: 404, title: $"Unknown {kind}", detail: $"No {kind} '{code}'.", type: $"urn:sim:problem:unknown-{kind}");
        }
        TChange? change;
        try
        {
            change = await request.ReadFromJsonAsync<TChange>(request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: 400, title: $"Invalid {kind} change", detail: ex.Message, type: $"urn:sim:problem:invalid-{kind}-change");
        }
        if (change is null || !apply(subject, change))
        {
            return Results.Problem(statusCode: 400, title: $"Invalid {kind} change", detail: hint, type: $"urn:sim:problem:invalid-{kind}-change");
        }
        return Results.Json(answer(subject));
    }

    private sealed record ProcedureChange(bool? FullOnline);

    private sealed record AgencyChange(string? Level);
}
