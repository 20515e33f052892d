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

    /// <summary>Where the target comes from, shown beside it (the plan and year, or carried forward).</summary>
    public string? Plan { get; set; }

    /// <summary>The shipped plans' targets (<see cref="Plans.ShippedPlans"/>), effective-dated.</summary>
    public static IReadOnlyList<KpiTarget> Defaults { get; } = Plans.ShippedPlans.Targets(Plans.ShippedPlans.Documents);
}
