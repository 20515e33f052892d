using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>Reconciliation rules and KPI targets (section "Reconciliation").</summary>
public sealed class ReconciliationOptions
{
    /// <summary>Cross-system rules judge an item only once it is older than this.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Start of the reconciliation period (PAYMENT_ENABLED_NO_TRANSACTION looks for a payment since then).</summary>
    public DateTimeOffset PeriodStart { get; set; } = new(2024, 1, 1, 0, 0, 0, VietnamTime.Offset);
    /// <summary>DATA_SERVICE_FAILING: failures over requests in the window above this share.</summary>
    [Range(0.0, 1.0)] public double FailureThreshold { get; set; } = 0.1;
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Weekdays off to add to the shipped calendar (Calendar/vietnam-days-off.json), e.g. a year's holidays announced after the release.</summary>
    public List<DateOnly> DaysOff { get; set; } = [];
    /// <summary>Weekend days worked in exchange, to add to the shipped calendar.</summary>
    public List<DateOnly> WorkingDays { get; set; } = [];
    /// <summary>Plan targets; empty means the plan's defaults (<see cref="KpiTarget.Defaults"/>).</summary>
    public List<KpiTarget> Targets { get; set; } = [];
    /// <summary>
    /// A full reconciliation run from the queue is cut into work items of this many buckets of dossiers
    /// (of 64), which several instances share (<see cref="Runs.ReconcileParts"/>).
    /// </summary>
    [Range(1, 64)] public int BucketsPerItem { get; set; } = 8;
    /// <summary>Decision 766 groups; empty means <see cref="ScoreGroup.Defaults"/>.</summary>
    public List<ScoreGroup> ScoreGroups { get; set; } = [];

    public IReadOnlyList<KpiTarget> EffectiveTargets => Targets.Count > 0 ? Targets : KpiTarget.Defaults;
    public IReadOnlyList<ScoreGroup> EffectiveScoreGroups => ScoreGroups.Count > 0 ? ScoreGroups : ScoreGroup.Defaults;
}
