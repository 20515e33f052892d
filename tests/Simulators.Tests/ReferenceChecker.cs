using IntegrationHub.Contracts.Calendar;
using IntegrationHub.Contracts.Lgsp;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;
using IntegrationHub.Simulators.Data;

namespace IntegrationHub.Simulators.Tests;

/// <summary>
/// The rules of docs/reconciliation.md applied naively to served data: the test's own reading of
/// the rules, used to prove that the manifest names exactly what the served data shows.
/// </summary>
public static class ReferenceChecker
{
    public static HashSet<Finding> Check(ServedData d, TimeSpan grace, double failureThreshold = 0.1)
    {
        var found = new HashSet<Finding>();
        var catalogue = d.PortalProcedures.ToDictionary(p => p.MaTTHC);
        var successful = d.Payments.Where(t => t.TrangThai == 0).ToList();
        // A payment through the province's own gateway is a transaction too, though the portal never sees it.
        var paidProcedures = successful.Select(t => t.MaTTHC)
            .Concat(d.Dossiers.Where(x => x.PaymentGateway == PaymentGateway.ProvincialGateway && x.PaidAt is not null).Select(x => x.ProcedureCode))
            .ToHashSet();
        var paidDossiers = successful.Select(t => t.MaHoSo).ToHashSet();

        // Listed at least a month ago (the plan's grace); eligible for full online and so listed.
        bool Listed(ThuTucHanhChinh listed)
        {
            Assert.True(VietnamTime.TryParsePortal(listed.NgayCongBo, out var published));
            return VietnamTime.Date(d.Now) >= VietnamTime.Date(published).AddMonths(1);
        }
        bool Due(ThuTucHanhChinh listed) => listed.DuDieuKienToanTrinh && Listed(listed);
        foreach (var p in d.Procedures.Where(p => !p.VerticalSector))
        {
            catalogue.TryGetValue(p.Code, out var listed);
            if (listed is not null && Due(listed) && !p.FullOnline) found.Add(new(Rules.ServiceNotFullOnline, p.LeadAgencyCode, p.Code));
            if (p.FullOnline && listed is not { DuDieuKienToanTrinh: true }) found.Add(new(Rules.ServiceFullOnlineNotEligible, p.LeadAgencyCode, p.Code));
            if (listed is { DuDieuKienToanTrinh: false, DuDieuKienMotPhan: true } && Listed(listed) && p.PartialOnline == false && !p.FullOnline)
            {
                found.Add(new(Rules.ServiceNotPartialOnline, p.LeadAgencyCode, p.Code));
            }
            if (p.OnlinePayment && !paidProcedures.Contains(p.Code)) found.Add(new(Rules.PaymentEnabledNoTransaction, p.LeadAgencyCode, p.Code));
            if (p.InternalWorkflowPublished == false || p.ElectronicWorkflowPublished == false) found.Add(new(Rules.WorkflowNotPublished, p.LeadAgencyCode, p.Code));
            if (p.OneStopReception == false) found.Add(new(Rules.NotAtOneStopDesk, p.LeadAgencyCode, p.Code));
        }

        // Listed, due and not configured at all: the lead of the province's procedures of its field.
        var configured = d.Procedures.Select(p => p.Code).ToHashSet();
        foreach (var listed in d.PortalProcedures.Where(l => !configured.Contains(l.MaTTHC) && Due(l)))
        {
            var lead = d.Procedures.First(p => p.Field == listed.MaLinhVuc).LeadAgencyCode;
            found.Add(new(Rules.EligibleServiceNotConfigured, lead, listed.MaTTHC));
        }

        // Citizens' feedback: answered late, unanswered past due, or answered over the grace ago and unpublished.
        foreach (var f in d.Feedback)
        {
            Assert.True(VietnamTime.TryParsePortal(f.HanXuLy, out var due));
            DateTimeOffset? answered = VietnamTime.TryParsePortal(f.NgayTraLoi, out var at) ? at : null;
            var late = answered is { } a ? a > due : d.Now > due;
            if (late || (answered is { } b && !f.CongKhai && d.Now - b > grace)) found.Add(new(Rules.FeedbackNotHandled, f.MaDonVi, f.MaPAKN));
        }

        var province = d.Dossiers.ToDictionary(x => x.Code);
        var processingDays = d.Procedures.ToDictionary(p => p.Code, p => p.ProcessingDays);
        var portal = d.PortalDossiers.ToDictionary(x => x.MaHoSo);
        foreach (var x in d.Dossiers)
        {
            var older = d.Now - x.ReceivedAt > grace;
            portal.TryGetValue(x.Code, out var copy);
            if (copy is null && older) found.Add(new(Rules.DossierNotOnPortal, x.AgencyCode, x.Code));
            if (copy is not null && copy.TrangThaiHoSo != x.Status && d.Now - x.UpdatedAt > grace)
            {
                found.Add(new(Rules.DossierStatusMismatch, x.AgencyCode, x.Code));
            }
            if (x.WorkflowClosedAt is { } closed && x.Status is not (3 or 7 or 8) && (x.ResultIssuedAt is null || closed < x.ResultIssuedAt))
            {
                found.Add(new(Rules.ClosedBeforeResult, x.AgencyCode, x.Code));
            }
            if (Late(x, d.Now) && !x.ApologyLetterIssued) found.Add(new(Rules.LateWithoutApology, x.AgencyCode, x.Code));
            if (x.ApologyLetterIssued && x.ApologyNewDueAt is { } promised && x.Status is not (3 or 7 or 8) && (x.ResultIssuedAt ?? d.Now) > promised)
            {
                found.Add(new(Rules.ApologyDateMissed, x.AgencyCode, x.Code));
            }
            if (processingDays.TryGetValue(x.ProcedureCode, out var days) && VietnamTime.Date(x.DueAt) != NthWorkingDay(VietnamTime.Date(x.ReceivedAt), days))
            {
                found.Add(new(Rules.DueDateMismatch, x.AgencyCode, x.Code));
            }
            if (x.Channel == Channel.Online && x.SubmittedByStaff) found.Add(new(Rules.OnlineSubmittedByStaff, x.AgencyCode, x.Code));
            if (x.PaymentMethod == PaymentMethod.Online && x.PaymentGateway != PaymentGateway.ProvincialGateway && older && !paidDossiers.Contains(x.Code))
            {
                found.Add(new(Rules.PaymentMissingTransaction, x.AgencyCode, x.Code));
            }
        }
        foreach (var copy in d.PortalDossiers)
        {
            Assert.True(VietnamTime.TryParsePortal(copy.NgayTiepNhan, out var received));
            if (!province.ContainsKey(copy.MaHoSo) && d.Now - received > grace)
            {
                found.Add(new(Rules.DossierUnknownToProvince, copy.MaDonVi, copy.MaHoSo));
            }
        }
        foreach (var t in successful)
        {
            Assert.True(VietnamTime.TryParsePortal(t.NgayThanhToan, out var paid));
            if (d.Now - paid <= grace) continue;
            if (!province.TryGetValue(t.MaHoSo, out var x)) found.Add(new(Rules.PaymentUnknownDossier, t.MaDonVi, t.MaGiaoDich));
            else if (x.PaymentMethod != PaymentMethod.Online) found.Add(new(Rules.PaymentNotRecorded, t.MaDonVi, t.MaGiaoDich));
        }
        // A dossier's fee may be paid in several transactions: their sum, once the last is past the grace.
        foreach (var paid in successful.GroupBy(t => t.MaHoSo))
        {
            if (!province.TryGetValue(paid.Key, out var x) || x.PaymentMethod != PaymentMethod.Online) continue;
            var last = paid.Max(t => VietnamTime.TryParsePortal(t.NgayThanhToan, out var at) ? at : DateTimeOffset.MaxValue);
            if (d.Now - last > grace && paid.Sum(t => t.SoTien) != x.Fee) found.Add(new(Rules.PaymentAmountMismatch, x.AgencyCode, x.Code));
        }

        foreach (var a in d.Applications.Where(a => a.SharesData && !a.ConnectedViaLgsp))
        {
            found.Add(new(Rules.AppNotConnectedToLgsp, a.AgencyCode, a.Id));
        }
        foreach (var s in d.Services)
        {
            var rows = d.Monitoring.Where(m => m.ServiceCode == s.Code).ToList();
            if (s.Origin == ServiceOrigin.NDXP && (s.Status != ServiceStatus.Official || rows.Sum(m => m.Successes) == 0))
            {
                found.Add(new(Rules.NationalServiceNotInUse, s.OwnerAgencyCode, s.Code));
            }
            var requests = rows.Sum(m => m.Requests);
            if (requests > 0 && (double)rows.Sum(m => m.Failures) / requests > failureThreshold)
            {
                found.Add(new(Rules.DataServiceFailing, s.OwnerAgencyCode, s.Code));
            }
        }
        return found;
    }

    /// <summary>Ended after its due time moved by its pauses, or open and waiting for nobody past it.</summary>
    public static bool Late(Dossier x, DateTimeOffset now)
    {
        var pauses = x.Pauses ?? [];
        if (x.ResultIssuedAt is null && x.Status is not (3 or 7 or 8) && pauses.Any(p => p.EndedAt is null)) return false;
        var paused = 0;
        foreach (var p in pauses)
        {
            for (var day = VietnamTime.Date(p.StartedAt).AddDays(1); day <= VietnamTime.Date(p.EndedAt ?? now); day = day.AddDays(1))
            {
                if (Working(day)) paused++;
            }
        }
        var dueDay = NthWorkingDay(VietnamTime.Date(x.DueAt), paused);
        var due = new DateTimeOffset(dueDay.ToDateTime(TimeOnly.FromTimeSpan(x.DueAt.ToVietnam().TimeOfDay)), VietnamTime.Offset);
        var ended = x.ResultIssuedAt ?? (x.Status is 3 or 7 or 8 ? x.WorkflowClosedAt ?? x.UpdatedAt : null);
        return (ended ?? now) > due;
    }

    private static bool Working(DateOnly day) =>
        DaysOff.Shipped.WorkingWeekendDays.Contains(day)
        || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !DaysOff.Shipped.Weekdays.Contains(day));

    private static DateOnly NthWorkingDay(DateOnly day, int n)
    {
        for (; n > 0; n -= Working(day) ? 1 : 0) day = day.AddDays(1);
        return day;
    }
}
