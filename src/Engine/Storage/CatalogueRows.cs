using System.Globalization;
using Azure.Data.Tables;
using IntegrationHub.Contracts.Lgsp;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;

namespace IntegrationHub.Engine.Storage;

/// <summary>The Catalogue table's rows of each kind (docs/storage.md), made from what the upstream systems list.</summary>
public static class CatalogueRows
{
    /// <summary>The agency columns whose change re-publishes the KPIs.</summary>
    public static readonly IReadOnlyList<string> AgencyMaterial = ["Level"];

    /// <summary>The procedure columns whose change re-publishes the KPIs.</summary>
    public static readonly IReadOnlyList<string> ProcedureMaterial = ["FullOnline", "OnlinePayment", "Vertical", LevelsColumn];

    public static TableEntity Agency(Agency a) => new(CatalogueStore.Agencies, a.Code)
    {
        ["Name"] = a.Name, ["Level"] = a.Level.ToString(), ["Parent"] = a.ParentCode,
        ["ValidFrom"] = a.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["ValidTo"] = a.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Successor"] = a.SuccessorCode,
    };

    public static TableEntity Procedure(Procedure p) => new(CatalogueStore.Procedures, p.Code)
    {
        ["Name"] = p.Name, [FieldColumn] = p.Field, ["Lead"] = p.LeadAgencyCode, ["FullOnline"] = p.FullOnline,
        ["OnlinePayment"] = p.OnlinePayment, ["Vertical"] = p.VerticalSector, ["Fee"] = p.Fee,
        ["ProcessingDays"] = p.ProcessingDays, ["Agencies"] = string.Join(',', p.AgencyCodes), [LevelsColumn] = string.Join(',', p.Levels), ["UpdatedAt"] = p.UpdatedAt,
        [WorkflowsColumn] = p.InternalWorkflowPublished is { } internalFlow && p.ElectronicWorkflowPublished is { } electronic ? internalFlow && electronic : null,
        [OneStopColumn] = p.OneStopReception, [LinkedSameColumn] = p.LinkedSameLevel, [LinkedCrossColumn] = p.LinkedCrossLevel,
        [PartialColumn] = p.PartialOnline,
    };

    private const string FieldColumn = "Field", PublishedColumn = "Published", LevelsColumn = "Levels";
    private const string PartialEligibleColumn = "PartialEligible", PartialColumn = "Partial";
    private const string WorkflowsColumn = "Workflows", OneStopColumn = "OneStop", LinkedSameColumn = "LinkedSame", LinkedCrossColumn = "LinkedCross";

    /// <summary>
    /// A procedure's setup as the plan's catalogue targets need it: workflows published, one-stop
    /// reception, linked procedure. Null where the case system did not report it.
    /// </summary>
    public static Reconciliation.ProcedureFacts WithSetup(Reconciliation.ProcedureFacts facts, TableEntity row) => facts with
    {
        Field = row.GetString(FieldColumn) ?? "",
        Levels = (row.GetString(LevelsColumn) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        WorkflowsPublished = row.GetBoolean(WorkflowsColumn), OneStop = row.GetBoolean(OneStopColumn),
        LinkedSameLevel = row.GetBoolean(LinkedSameColumn), LinkedCrossLevel = row.GetBoolean(LinkedCrossColumn),
        PartialOnline = row.GetBoolean(PartialColumn),
    };

    public static int ProcessingDays(TableEntity procedure) => procedure.GetInt32("ProcessingDays") ?? 0;

    /// <summary>What the flag history needs of a procedure row: its code, flags, and the case system's update time.</summary>
    public static (string Code, bool FullOnline, bool OnlinePayment, DateTimeOffset UpdatedAt) ProcedureFlags(TableEntity row) =>
        (row.RowKey, row.GetBoolean("FullOnline") ?? false, row.GetBoolean("OnlinePayment") ?? false, row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);

    public static TableEntity PortalProcedure(ThuTucHanhChinh t) => new(CatalogueStore.PortalProcedures, t.MaTTHC)
    {
        ["Name"] = t.TenTTHC, [FieldColumn] = t.MaLinhVuc, ["FullOnlineEligible"] = t.DuDieuKienToanTrinh, [PartialEligibleColumn] = t.DuDieuKienMotPhan,
        ["PaymentEligible"] = t.DuDieuKienThanhToanTrucTuyen, [PublishedColumn] = t.NgayCongBo,
    };

    /// <summary>What reconciliation needs of a portal procedure row; an unreadable publication date counts as long ago.</summary>
    public static Reconciliation.PortalProcedureFacts ReadPortalFacts(TableEntity r) =>
        new(r.RowKey, r.GetBoolean("FullOnlineEligible") ?? false, r.GetBoolean("PaymentEligible") ?? false)
        {
            Field = r.GetString(FieldColumn) ?? "",
            PartialEligible = r.GetBoolean(PartialEligibleColumn) ?? false,
            Published = VietnamTime.TryParsePortal(r.GetString(PublishedColumn), out var published) ? published : null,
        };

    public static TableEntity Application(Application a) => new(CatalogueStore.Applications, a.Id)
    {
        ["Name"] = a.Name, ["Agency"] = a.AgencyCode, ["SharesData"] = a.SharesData, ["Connected"] = a.ConnectedViaLgsp, ["LastSeen"] = a.LastSeenAt,
    };

    public static TableEntity Service(DataService s) => new(CatalogueStore.Services, s.Code)
    {
        ["Name"] = s.Name, ["Origin"] = s.Origin.ToString(), ["Status"] = s.Status.ToString(), ["Owner"] = s.OwnerAgencyCode,
        ["Consumers"] = string.Join(',', s.Consumers),
    };

    public static TableEntity Monitoring(MonitoringRow m) => new(CatalogueStore.Monitoring, m.ServiceCode + "|" + m.ConsumerAgencyCode)
    {
        ["Service"] = m.ServiceCode, ["Consumer"] = m.ConsumerAgencyCode, ["From"] = m.From, ["To"] = m.To,
        ["Requests"] = m.Requests, ["Successes"] = m.Successes, ["Failures"] = m.Failures, ["AvgDurationMs"] = m.AvgDurationMs,
        ["LastSuccess"] = m.LastSuccessAt, ["LastFailure"] = m.LastFailureAt,
    };

    public static AgencyEntry ReadAgency(TableEntity r) => new(r.RowKey, r.GetString("Name") ?? "", r.GetString("Level") ?? "", r.GetString("Parent"),
        DateOnly.Parse(r.GetString("ValidFrom") ?? "2000-01-01", CultureInfo.InvariantCulture),
        r.GetString("ValidTo") is { Length: > 0 } to ? DateOnly.Parse(to, CultureInfo.InvariantCulture) : null);

    public static ApplicationRow ReadApplication(TableEntity r) => new(r.RowKey, r.GetString("Name") ?? "", r.GetString("Agency") ?? "",
        r.GetBoolean("SharesData") ?? false, r.GetBoolean("Connected") ?? false, r.GetDateTimeOffset("LastSeen"));

    /// <summary>A service row with its traffic: requests and failures summed over <paramref name="monitoring"/> rows of it.</summary>
    public static ServiceRow ReadService(TableEntity r, IReadOnlyDictionary<string, (long Requests, long Failures)> traffic)
    {
        var (requests, failures) = traffic.GetValueOrDefault(r.RowKey);
        return new(r.RowKey, r.GetString("Name") ?? "", r.GetString("Origin") ?? "", r.GetString("Status") ?? "", r.GetString("Owner") ?? "",
            (r.GetString("Consumers") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), requests, failures);
    }

    /// <summary>Requests and failures per service, summed over its consumers' monitoring rows.</summary>
    public static Dictionary<string, (long Requests, long Failures)> Traffic(IEnumerable<TableEntity> monitoring) =>
        monitoring.GroupBy(r => r.GetString("Service") ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Sum(r => r.GetInt64("Requests") ?? 0), g.Sum(r => r.GetInt64("Failures") ?? 0)), StringComparer.Ordinal);

    public static ProcedureEntry ReadProcedure(TableEntity r, bool eligibleFullOnline) => new(r.RowKey, r.GetString("Name") ?? "",
        (r.GetString("Agencies") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetString("Lead") ?? "",
        r.GetBoolean("FullOnline") ?? false, r.GetBoolean("OnlinePayment") ?? false, r.GetBoolean("Vertical") ?? false, eligibleFullOnline);

    public static bool EligibleFullOnline(TableEntity portalProcedure) => portalProcedure.GetBoolean("FullOnlineEligible") ?? false;
}
