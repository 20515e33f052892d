using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>
/// One component indicator of a Decision 766 group: the KPI it reads, its weight inside the group,
/// and the value at which it earns its whole share (<see cref="FullScoreAt"/>; below it, in
/// proportion). The thresholds are the portal's where known (50 % of a full-online service's dossiers
/// handled online), else the whole of the KPI: a plan target is not a full score.
/// </summary>
public sealed class ScoreIndicator
{
    [Required] public string Kpi { get; set; } = "";
    [Range(0.0, double.MaxValue)] public double Weight { get; set; } = 1;
    [Range(1e-9, double.MaxValue)] public double FullScoreAt { get; set; } = 1;
}
