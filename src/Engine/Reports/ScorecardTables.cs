using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Reports;

/// <summary>The scorecard as the three tables a department publishes, with Vietnamese headers; pure.</summary>
public static class ScorecardTables
{
    private static readonly Dictionary<string, string> KpiNames = new(StringComparer.Ordinal)
    {
        [Kpis.FullOnlineCoverage] = "TTHC đủ điều kiện được cung cấp trực tuyến toàn trình",
        [Kpis.PartialOnlineCoverage] = "TTHC đủ điều kiện được cung cấp trực tuyến một phần",
        [Kpis.OnlineDossierRate] = "Hồ sơ DVC toàn trình giải quyết trực tuyến",
        [Kpis.PaymentProceduresWithTransaction] = "TTHC có thanh toán trực tuyến phát sinh giao dịch",
        [Kpis.OnlinePaymentRate] = "Hồ sơ thanh toán trực tuyến",
        [Kpis.OnTimeRate] = "Hồ sơ giải quyết đúng hạn",
        [Kpis.LateApologyRate] = "Hồ sơ trễ hạn có văn bản xin lỗi",
        [Kpis.DigitisationRate] = "Số hóa hồ sơ, kết quả",
        [Kpis.PortalSyncRate] = "Hồ sơ đồng bộ lên Cổng DVC quốc gia",
        [Kpis.ClosedBeforeResult] = "Quy trình đóng trước khi có kết quả",
        [Kpis.LgspConnectionRate] = "Hệ thống kết nối LGSP",
        [Kpis.NationalServicesInUse] = "Dịch vụ NDXP đang dùng",
        [Kpis.FeedbackHandledRate] = "Phản ánh, kiến nghị được trả lời, công khai đúng hạn",
        [Kpis.SatisfactionRate] = "Đánh giá hài lòng (sao)",
    };

    private static readonly Dictionary<string, string> GroupNames = new(StringComparer.Ordinal)
    {
        ["transparency"] = "Công khai, minh bạch", ["progress"] = "Tiến độ giải quyết", ["digitisation"] = "Mức độ số hóa",
        ["online_service"] = "Dịch vụ công trực tuyến", ["payment"] = "Thanh toán trực tuyến", ["satisfaction"] = "Mức độ hài lòng",
    };

    private static readonly Dictionary<string, string> LevelNames = new(StringComparer.Ordinal)
    {
        ["Province"] = "Tỉnh", ["Department"] = "Sở, ngành", ["District"] = "Huyện", ["Commune"] = "Xã",
    };

    /// <summary>"tháng 09/2025" or "năm 2025".</summary>
    public static string PeriodText(string period) => period.Length == 4 ? $"năm {period}"
        : Reconciliation.KpiPeriods.IsQuarter(period) ? $"quý {period[6]}/{period[..4]}" : $"tháng {period[5..]}/{period[..4]}";

    public static IReadOnlyList<ReportTable> From(Scorecard card)
    {
        var when = PeriodText(card.Period);
        var rateKpis = card.KpiColumns.Where(k => !KpiPublisher.IsCount(k)).ToHashSet(StringComparer.Ordinal);
        var ranking = new ReportTable("Xếp hạng", $"Kết quả chỉ tiêu và điểm Bộ chỉ số 766 (ước tính) {when}",
            [
                "Mã cơ quan", "Tên cơ quan, đơn vị", "Cấp",
                .. card.KpiColumns.Select(k => KpiNames.GetValueOrDefault(k, k) + (rateKpis.Contains(k) ? " (%)" : "")),
                .. card.GroupColumns.Select(g => $"Nhóm {GroupNames.GetValueOrDefault(g[KpiPublisher.ScorePrefix.Length..], g)} (điểm)"),
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
