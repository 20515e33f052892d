using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>
/// A plan target for one KPI, optionally for one level (an agency level, which also judges that
/// level's scope; "Province" covers the departments too; <see cref="WholeProvince"/> for the province
/// as a whole) and for a span of months (effective-dated, inclusive "yyyy-MM"). A target without a
/// level judges every scope.
/// </summary>
public sealed class KpiTarget
{
    [Required] public string Kpi { get; set; } = "";
    public string? Level { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public double Target { get; set; }
    /// <summary>True when lower is better (a count that must stay at or below the target).</summary>
    public bool AtMost { get; set; }

    /// <summary>The level name of the province as a whole, distinct from the province level's agencies.</summary>
    public const string WholeProvince = "WholeProvince";

    public static readonly IReadOnlyList<KpiTarget> Defaults =
    [
        new() { Kpi = Kpis.FullOnlineCoverage, Target = 1.0 },
        new() { Kpi = Kpis.OnlineDossierRate, Target = 0.4 },
        new() { Kpi = Kpis.PaymentProceduresWithTransaction, Target = 1.0 },
        new() { Kpi = Kpis.OnlinePaymentRate, Target = 0.2 },
        new() { Kpi = Kpis.OnTimeRate, Target = 0.98 },
        new() { Kpi = Kpis.LateApologyRate, Target = 1.0 },
        // Per the level whose competence the procedures are; the plan sets no province-wide target.
        new() { Kpi = Kpis.DigitisationRate, Level = "Province", Target = 0.3 },
        new() { Kpi = Kpis.DigitisationRate, Level = "District", Target = 0.2 },
        new() { Kpi = Kpis.DigitisationRate, Level = "Commune", Target = 0.15 },
        new() { Kpi = Kpis.PortalSyncRate, Target = 1.0 },
        new() { Kpi = Kpis.ClosedBeforeResult, Target = 0, AtMost = true },
        new() { Kpi = Kpis.LgspConnectionRate, Target = 1.0 },
        new() { Kpi = Kpis.NationalServicesInUse, Target = 1.0 },
        new() { Kpi = Kpis.WorkflowPublicationRate, Target = 1.0 },
        new() { Kpi = Kpis.OneStopRate, Target = 1.0 },
        new() { Kpi = Kpis.VerticalOneStopRate, Target = 0.9 },
        new() { Kpi = Kpis.LinkedSameLevelProcedures, Level = WholeProvince, Target = 50 },
        new() { Kpi = Kpis.LinkedCrossLevelProcedures, Level = WholeProvince, Target = 30 },
    ];
}
