using System.Text.Json.Serialization;
using IntegrationHub.Simulators.Apis;
using IntegrationHub.Simulators.Data;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators;

/// <summary>Builds the one process that serves the portal, LGSP and the case system under /portal, /lgsp, /motcua.</summary>
public static class SimulatorApp
{
    /// <summary>Command-line switches (e.g. <c>--seed 7 --dossiers 100000</c>) and the settings they set.</summary>
    public static readonly Dictionary<string, string> Switches = new()
    {
        ["--seed"] = "Simulator:Seed",
        ["--dossiers"] = "Simulator:Dossiers",
        ["--procedures"] = "Simulator:Procedures",
        ["--plant-rate"] = "Simulator:PlantRate",
        ["--grace-hours"] = "Simulator:GraceHours",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddCommandLine(args, Switches);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);

        var options = new SimulatorOptions();
        builder.Configuration.GetSection("Simulator").Bind(options);
        options.Validate();
        var initialFaults = new Dictionary<string, FaultSettings>();
        foreach (var system in FaultState.Systems)
        {
            var section = builder.Configuration.GetSection($"Faults:{system}");
            if (section.Exists()) initialFaults[system] = section.Get<FaultSettings>() ?? new FaultSettings();
        }

        var province = new Province(options);
        var generator = new DossierGenerator(options, province);
        var monitoring = new Monitoring(options);
        var clock = new SimClock(options.InitialNow);
        var faults = new FaultState(options.Seed, initialFaults);
        // Enums travel as their names everywhere, lists of enums included (the contracts say so).
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(province);
        builder.Services.AddSingleton(generator);
        builder.Services.AddSingleton(monitoring);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogueChanges>();
        builder.Services.AddSingleton<GroundTruth>();
        builder.Services.AddSingleton<PortalSessions>();
        builder.Services.AddSingleton<PortalApi>();
        builder.Services.AddSingleton<LgspApi>();
        builder.Services.AddSingleton<MotcuaApi>();
        builder.Services.AddSingleton<ControlApi>();

        var app = builder.Build();
        app.UseMiddleware<FaultMiddleware>();
        app.Services.GetRequiredService<PortalApi>().Map(app);
        app.Services.GetRequiredService<LgspApi>().Map(app);
        app.Services.GetRequiredService<MotcuaApi>().Map(app);
        app.Services.GetRequiredService<ControlApi>().Map(app);
        foreach (var system in FaultState.Systems)
        {
            // Each system serves the OpenAPI document it implements: the same bytes the hub's clients are generated from.
            app.MapGet($"/{system}/openapi.json", () => Results.Stream(OpenApiDocuments.Open(system), "application/json"));
        }
        return app;
    }
}
