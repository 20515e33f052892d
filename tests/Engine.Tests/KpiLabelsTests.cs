using System.Reflection;
using IntegrationHub.Contracts.Labels;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Reports;

namespace IntegrationHub.Engine.Tests;

/// <summary>The one list of KPI names the scorecard and the dashboard share (Contracts/Labels/kpi-names.json).</summary>
public sealed class KpiLabelsTests
{
    [Fact]
    public void EveryKpiAndDecision766GroupIsNamedInBothLanguages()
    {
        var kpis = typeof(Kpis).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        var groups = ScoreGroup.Defaults.Select(g => KpiPublisher.ScorePrefix + g.Name).Append(KpiPublisher.ScoreTotal);
        foreach (var key in kpis.Concat(groups))
        {
            Assert.False(string.IsNullOrWhiteSpace(KpiLabels.Vietnamese.GetValueOrDefault(key)), $"{key} has no Vietnamese name");
            Assert.False(string.IsNullOrWhiteSpace(KpiLabels.English.GetValueOrDefault(key)), $"{key} has no English name");
        }
        Assert.Equal(KpiLabels.Vietnamese.Keys.Order(), KpiLabels.English.Keys.Order());
    }

    [Fact]
    public void TheScorecardHeadersUseTheSharedNames()
    {
        var headers = ScorecardTables.KpiHeader(Kpis.OnTimeRate, isRate: true);
        Assert.Equal(KpiLabels.Vietnamese[Kpis.OnTimeRate] + " (%)", headers);
        Assert.Equal("Nhóm " + KpiLabels.Vietnamese[KpiPublisher.ScorePrefix + "progress"] + " (điểm)", ScorecardTables.GroupHeader(KpiPublisher.ScorePrefix + "progress"));
    }
}
