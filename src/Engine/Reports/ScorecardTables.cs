using IntegrationHub.Contracts.Labels;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Reports;

/// <summary>The scorecard as the three tables a department publishes, with Vietnamese headers; pure.</summary>
public static class ScorecardTables
{
    /// <summary>KPI and Decision 766 group names, shared with the dashboard (<see cref="KpiLabels"/>).</summary>
    private static IReadOnlyDictionary<string, string> KpiNames => KpiLabels.Vietnamese;

    private static readonly Dictionary<string, string> LevelNames = new(StringComparer.Ordinal)
    {
        ["Province"] = "Tỉnh", ["Department"] = "Sở, ngành", ["District"] = "Huyện", ["Commune"] = "Xã",
    };

    /// <summary>"tháng 09/2025" or "năm 2025".</summary>
    public static string PeriodText(string period) => period.Length == 4 ? $"năm {period}"
        : Reconciliation.KpiPeriods.IsQuarter(period) ? $"quý {period[6]}/{period[..4]}" : $"tháng {period[5..]}/{period[..4]}";

    /// <summary>A KPI's column header: its name, and "(%)" for a rate.</summary>
    public static string KpiHeader(string kpi, bool isRate) => KpiNames.GetValueOrDefault(kpi, kpi) + (isRate ? " (%)" : "");

    /// <summary>A Decision 766 group's column header ("score766.{group}").</summary>
    public static string GroupHeader(string group) => $"Nhóm {KpiNames.GetValueOrDefault(group, group[KpiPublisher.ScorePrefix.Length..])} (điểm)";

    public static IReadOnlyList<ReportTable> From(Scorecard card)
    {
        var when = PeriodText(card.Period);
        var rateKpis = card.KpiColumns.Where(k => !KpiPublisher.IsCount(k)).ToHashSet(StringComparer.Ordinal);
        var ranking = new ReportTable("Xếp hạng", $"Kết quả chỉ tiêu và điểm Bộ chỉ số 766 (ước tính) {when}",
            [
                "Mã cơ quan", "Tên cơ quan, đơn vị", "Cấp",
                .. card.KpiColumns.Select(k => KpiHeader(k, rateKpis.Contains(k))),
                .. card.GroupColumns.Select(GroupHeader),
                "Tổng điểm 766 (ước tính)", "Xếp hạng trong cấp",
            ],
            card.Agencies.Select(l => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Text(l.Agency), ReportCell.Text(l.Name), ReportCell.Text(LevelNames.GetValueOrDefault(l.Level, l.Level)),
                .. card.KpiColumns.Select(k => rateKpis.Contains(k) ? ReportCell.Percent(l.Kpis[k]) : ReportCell.Integer((long?)l.Kpis[k])),
                .. card.GroupColumns.Select(g => ReportCell.Decimal(l.Groups[g])),
                ReportCell.Decimal(l.Total), ReportCell.Integer(l.Rank),
            ]).ToList());
        var names = card.LateUnits.ToDictionary(u => u.Agency, u => u.Name, StringComparer.Ordinal);
        var late = new ReportTable("Hồ sơ trễ hạn", $"Danh sách hồ sơ trễ hạn {when}",
            ["Mã hồ sơ", "Mã cơ quan", "Tên cơ quan, đơn vị", "Mã thủ tục", "Ngày tiếp nhận", "Hạn giải quyết", "Ngày kết thúc xử lý (trống: đang xử lý)", "Số ngày trễ", "Có văn bản xin lỗi", "Cán bộ xử lý"],
            card.LateDossiers.Select(d => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Text(d.Code), ReportCell.Text(d.Agency), ReportCell.Text(names[d.Agency]), ReportCell.Text(d.Procedure),
                ReportCell.Date(d.Received), ReportCell.Date(d.Due), ReportCell.Date(d.Ended), ReportCell.Integer(d.DaysLate), ReportCell.YesNo(d.Apology),
                ReportCell.Text(d.HandlerName ?? d.Handler),
            ]).ToList());
        var units = new ReportTable("Đơn vị trễ hạn", $"Danh sách cơ quan, đơn vị có hồ sơ trễ hạn {when}",
            ["Mã cơ quan", "Tên cơ quan, đơn vị", "Số hồ sơ trễ hạn", "Trong đó chưa có văn bản xin lỗi"],
            card.LateUnits.Select(u => (IReadOnlyList<ReportCell>)
                [ReportCell.Text(u.Agency), ReportCell.Text(u.Name), ReportCell.Integer(u.Late), ReportCell.Integer(u.WithoutApology)]).ToList());
        var officials = new ReportTable("Cán bộ trễ hạn", $"Danh sách cán bộ, công chức có hồ sơ trễ hạn {when}",
            ["Mã cơ quan", "Tên cơ quan, đơn vị", "Tài khoản", "Họ và tên", "Số hồ sơ trễ hạn", "Trong đó chưa có văn bản xin lỗi"],
            card.LateOfficials.Select(o => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Text(o.Agency), ReportCell.Text(names[o.Agency]), ReportCell.Text(o.Account), ReportCell.Text(o.Name),
                ReportCell.Integer(o.Late), ReportCell.Integer(o.WithoutApology),
            ]).ToList());
        return [ranking, late, units, officials];
    }
}
