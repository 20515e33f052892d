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
        app.MapPost("/_sim/agencies/{code}", async (string code, HttpRequest request) =>
        {
            if (generator.Province.FindAgency(code) is not { } agency)
            {
                return Results.Problem(statusCode: 404, title: "Unknown agency", detail: $"No agency '{code}'.", type: "urn:sim:problem:unknown-agency");
            }
            AgencyChange? change;
            try
            {
                change = await request.ReadFromJsonAsync<AgencyChange>(request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Results.Problem(statusCode: 400, title: "Invalid agency change", detail: ex.Message, type: "urn:sim:problem:invalid-agency-change");
            }
            if (!Enum.TryParse<Level>(change?.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || change!.Level!.All(char.IsDigit))
            {
                return Results.Problem(statusCode: 400, title: "Invalid agency change", detail: "Give {\"level\": \"Province\"|\"Department\"|\"District\"|\"Commune\"}.", type: "urn:sim:problem:invalid-agency-change");
            }
            changes.SetLevel(agency, level);
            return Results.Json(new { agency.Code, Level = changes.LevelOf(agency).ToString() });
        });
        app.MapPost("/_sim/procedures/{code}", async (string code, HttpRequest request) =>
        {
            if (generator.Province.FindProcedure(code) is not { } procedure)
            {
                return Results.Problem(statusCode: 404, title: "Unknown procedure", detail: $"No procedure '{code}'.", type: "urn:sim:problem:unknown-procedure");
            }
            ProcedureChange? change;
            try
            {
                change = await request.ReadFromJsonAsync<ProcedureChange>(request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Results.Problem(statusCode: 400, title: "Invalid procedure change", detail: ex.Message, type: "urn:sim:problem:invalid-procedure-change");
            }
            if (change?.FullOnline is not { } fullOnline)
            {
                return Results.Problem(statusCode: 400, title: "Invalid procedure change", detail: "Give {\"fullOnline\": true|false}.", type: "urn:sim:problem:invalid-procedure-change");
            }
            changes.SetFullOnline(procedure, fullOnline, clock.Now);
            return Results.Json(new { procedure.Code, FullOnline = changes.FullOnline(procedure) });
        });
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

    private sealed record ProcedureChange(bool? FullOnline);

    private sealed record AgencyChange(string? Level);
}
