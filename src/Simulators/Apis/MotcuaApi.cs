using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Simulators.Data;
using ContractLevel = IntegrationHub.Contracts.Motcua.AgencyLevel;

namespace IntegrationHub.Simulators.Apis;

/// <summary>
/// The provincial case system: REST + JSON behind X-API-Key, cursor paging, incremental by updatedSince.
/// Errors are RFC 9457 problems.
/// </summary>
public sealed class MotcuaApi(SimulatorOptions options, DossierGenerator generator, SimClock clock, CatalogueChanges changes)
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 5000;
    // A page stops scanning after this many dossiers even if it is not full, so every answer is quick;
    // nextCursor then points on.
    private const int ScanBudget = 250_000;

    private readonly byte[] apiKey = Encoding.UTF8.GetBytes(options.MotcuaApiKey);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/motcua/api/v1");
        group.AddEndpointFilter(async (context, next) =>
        {
            var given = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers["X-API-Key"].ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, apiKey))
            {
                return Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or wrong API key",
                    "Send the key issued to the hub in the X-API-Key header.");
            }
            return await next(context);
        });
        group.MapGet("/agencies", (HttpRequest request) => List(request, "agencies", ListAgencies));
        group.MapGet("/procedures", (HttpRequest request) => List(request, "procedures", ListProcedures));
        group.MapGet("/dossiers", (HttpRequest request) => List(request, "dossiers", ListDossiers));
        group.MapGet("/dossiers/{code}", (string code) =>
        {
            var now = clock.Now;
            return generator.TryParseCode(code, now, out var facts)
                ? Results.Json(MotcuaWire.ToDossier(DossierViews.ProvinceView(facts, now)))
                : Problem(StatusCodes.Status404NotFound, "not-found", "No such dossier", null);
        });
    }

    private delegate IResult Lister(long position, DateTimeOffset? since, int limit, DateTimeOffset now, string kind);

    private IResult List(HttpRequest request, string kind, Lister lister)
    {
        var query = request.Query;
        DateTimeOffset? since = null;
        if (query.TryGetValue("updatedSince", out var sinceText))
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                || !HasOffset(sinceText.ToString()))
            {
                return Problem(StatusCodes.Status400BadRequest, "invalid-parameter", "updatedSince is not an ISO 8601 instant with an offset",
                    "Example: 2025-07-01T00:00:00+07:00");
            }
            since = parsed;
        }
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-parameter", $"limit must be between 1 and {MaxLimit}", null);
        }
        long position = 0;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (!MotcuaCursor.TryRead(cursorText.ToString(), kind, since, out position))
            {
                return Problem(StatusCodes.Status400BadRequest, "invalid-cursor", "The cursor is malformed or belongs to another query",
                    "Pass back nextCursor unchanged, with the same updatedSince.");
            }
        }
        return lister(position, since, limit, clock.Now, kind);
    }

    private IResult ListAgencies(long position, DateTimeOffset? since, int limit, DateTimeOffset now, string kind)
    {
        var all = generator.Province.Agencies
            .Select(a => new Agency
            {
                Code = a.Code,
                Name = a.Name,
                Level = (ContractLevel)(int)changes.LevelOf(a),
                ParentCode = a.ParentCode,
                ValidFrom = a.ValidFrom,
                ValidTo = a.ValidTo,
                SuccessorCode = a.SuccessorCode,
                UpdatedAt = AgencyUpdatedAt(a),
            })
            .Where(a => since is null || a.UpdatedAt >= since)
            .ToList();
        var items = all.Skip((int)position).Take(limit).ToList();
        var next = position + items.Count;
        return Results.Json(new AgencyPage
        {
            Items = items,
            NextCursor = next < all.Count ? MotcuaCursor.Write(kind, since, next) : null,
            AsOf = now,
        });
    }

    /// <summary>An agency's record last changed two weeks before it began or ended (when the decision was published).</summary>
    private static DateTimeOffset AgencyUpdatedAt(AgencyInfo a)
    {
        var day = (a.ValidTo ?? a.ValidFrom).AddDays(-14);
        return VietnamTime.At(day.Year, day.Month, day.Day);
    }

    private IResult ListProcedures(long position, DateTimeOffset? since, int limit, DateTimeOffset now, string kind)
    {
        var today = VietnamTime.Date(now);
        var province = generator.Province;
        var all = province.Procedures.Where(p => since is null || (changes.ChangedAt(p) ?? p.UpdatedAt) >= since).ToList();
        var items = all.Skip((int)position).Take(limit).Select(p => new Procedure
        {
            Code = p.Code,
            Name = p.Name,
            Field = p.Field,
            Levels = [(ContractLevel)(int)p.Level],
            AgencyCodes = p.Vertical ? [] : province.ReceiversOn(p, today).Select(a => a.Code).ToList(),
            LeadAgencyCode = province.ResolveOn(p.LeadAgencyOrigin, today).Code,
            FullOnline = changes.FullOnline(p),
            PartialOnline = p.Vertical ? null : p.PartialOnline,
            OnlinePayment = p.OnlinePayment,
            VerticalSector = p.Vertical,
            Fee = p.Fee,
            ProcessingDays = p.ProcessingDays,
            InternalWorkflowPublished = p.WorkflowsPublished,
            ElectronicWorkflowPublished = p.WorkflowsPublished,
            OneStopReception = p.OneStop,
            LinkedSameLevel = p.LinkedSameLevel,
            LinkedCrossLevel = p.LinkedCrossLevel,
            UpdatedAt = changes.ChangedAt(p) ?? p.UpdatedAt,
        }).ToList();
        var next = position + items.Count;
        return Results.Json(new ProcedurePage
        {
            Items = items,
            NextCursor = next < all.Count ? MotcuaCursor.Write(kind, since, next) : null,
            AsOf = now,
        });
    }

    private IResult ListDossiers(long position, DateTimeOffset? since, int limit, DateTimeOffset now, string kind)
    {
        var end = generator.VisibleCount(now);
        var index = position;
        if (since is not null) index = Math.Max(index, generator.FirstIndexAtOrAfter(since.Value - DossierGenerator.MaxLifetime));
        var items = new List<Dossier>(Math.Min(limit, 1024));
        var scanned = 0;
        for (; index < end && items.Count < limit && scanned < ScanBudget; index++, scanned++)
        {
            var view = DossierViews.ProvinceView(generator.Generate(index), now);
            if (since is null || view.UpdatedAt >= since) items.Add(MotcuaWire.ToDossier(view));
        }
        return Results.Json(new DossierPage
        {
            Items = items,
            NextCursor = index < end ? MotcuaCursor.Write(kind, since, index) : null,
            AsOf = now,
        });
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');

    private static IResult Problem(int status, string type, string title, string? detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: "urn:motcua:problem:" + type);
}
