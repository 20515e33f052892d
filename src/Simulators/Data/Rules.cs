namespace IntegrationHub.Simulators.Data;

/// <summary>The stable rule codes of the discrepancies the simulator plants (the hub uses the same codes).</summary>
public static class Rules
{
    public const string ServiceNotFullOnline = "SERVICE_NOT_FULL_ONLINE";
    public const string ServiceFullOnlineNotEligible = "SERVICE_FULL_ONLINE_NOT_ELIGIBLE";
    public const string PaymentEnabledNoTransaction = "PAYMENT_ENABLED_NO_TRANSACTION";
    public const string DossierNotOnPortal = "DOSSIER_NOT_ON_PORTAL";
    public const string DossierUnknownToProvince = "DOSSIER_UNKNOWN_TO_PROVINCE";
    public const string DossierStatusMismatch = "DOSSIER_STATUS_MISMATCH";
    public const string PaymentUnknownDossier = "PAYMENT_UNKNOWN_DOSSIER";
    public const string PaymentNotRecorded = "PAYMENT_NOT_RECORDED";
    public const string PaymentMissingTransaction = "PAYMENT_MISSING_TRANSACTION";
    public const string PaymentAmountMismatch = "PAYMENT_AMOUNT_MISMATCH";
    public const string ClosedBeforeResult = "CLOSED_BEFORE_RESULT";
    public const string LateWithoutApology = "LATE_WITHOUT_APOLOGY";
    public const string OnlineSubmittedByStaff = "ONLINE_SUBMITTED_BY_STAFF";
    public const string AppNotConnectedToLgsp = "APP_NOT_CONNECTED_TO_LGSP";
    public const string NationalServiceNotInUse = "NATIONAL_SERVICE_NOT_IN_USE";
    public const string DataServiceFailing = "DATA_SERVICE_FAILING";

    public static readonly IReadOnlyList<string> All =
    [
        ServiceNotFullOnline, ServiceFullOnlineNotEligible, PaymentEnabledNoTransaction, DossierNotOnPortal,
        DossierUnknownToProvince, DossierStatusMismatch, PaymentUnknownDossier, PaymentNotRecorded,
        PaymentMissingTransaction, PaymentAmountMismatch, ClosedBeforeResult, LateWithoutApology,
        OnlineSubmittedByStaff, AppNotConnectedToLgsp, NationalServiceNotInUse, DataServiceFailing,
    ];
}
