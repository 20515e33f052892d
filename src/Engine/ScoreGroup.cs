using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>
/// A Decision 766 group as the national portal publishes it: its points and its component
/// indicators (<see cref="ScoreIndicator"/>). The split inside groups is not published: the defaults
/// are the hub's estimate, labelled so, and configuration replaces them.
/// </summary>
public sealed class ScoreGroup
{
    [Required] public string Name { get; set; } = "";
    public double Points { get; set; }
    public List<ScoreIndicator> Indicators { get; set; } = [];

    private static ScoreIndicator Indicator(string kpi, double weight = 1, double fullScoreAt = 1) =>
        new() { Kpi = kpi, Weight = weight, FullScoreAt = fullScoreAt };

    /// <summary>
    /// The portal's six groups and points (100 in all). Satisfaction is scored, as the plan's target
    /// puts it, by the citizens' feedback answered and published on time; the star ratings the case
    /// system records stay a KPI of their own (satisfaction_rate), not in the score.
    /// </summary>
    public static readonly IReadOnlyList<ScoreGroup> Defaults =
    [
        new() { Name = "transparency", Points = 18, Indicators = [Indicator(Kpis.PortalSyncRate)] },
        new() { Name = "progress", Points = 20, Indicators = [Indicator(Kpis.OnTimeRate, 0.8), Indicator(Kpis.LateApologyRate, 0.2)] },
        new() { Name = "online_service", Points = 12, Indicators = [Indicator(Kpis.OnlineDossierRate, fullScoreAt: 0.5)] },
        new() { Name = "payment", Points = 10, Indicators = [Indicator(Kpis.OnlinePaymentRate, 0.7, fullScoreAt: 0.5), Indicator(Kpis.PaymentProceduresWithTransaction, 0.3)] },
        new() { Name = "digitisation", Points = 22, Indicators = [Indicator(Kpis.DigitisationRate)] },
        new() { Name = "satisfaction", Points = 18, Indicators = [Indicator(Kpis.FeedbackHandledRate)] },
    ];
}
