using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Engine;

/// <summary>A Decision 766 group: its points and the KPIs that earn them (weights inside the group).</summary>
public sealed class ScoreGroup
{
    [Required] public string Name { get; set; } = "";
    public double Points { get; set; }
    public Dictionary<string, double> Weights { get; set; } = [];

    public static readonly IReadOnlyList<ScoreGroup> Defaults =
    [
        new() { Name = "transparency", Points = 18, Weights = new() { [Kpis.PortalSyncRate] = 1 } },
        new() { Name = "progress", Points = 20, Weights = new() { [Kpis.OnTimeRate] = 0.8, [Kpis.LateApologyRate] = 0.2 } },
        new() { Name = "digitisation", Points = 22, Weights = new() { [Kpis.DigitisationRate] = 1 } },
        new() { Name = "online_service", Points = 22, Weights = new() { [Kpis.OnlineDossierRate] = 0.6, [Kpis.OnlinePaymentRate] = 0.4 } },
        new() { Name = "satisfaction", Points = 18, Weights = new() { [Kpis.SatisfactionRate] = 1 } },
    ];
}
