namespace IntegrationHub.Contracts;

/// <summary>The stable rule codes of findings: the simulators plant them, the hub finds them (docs/reconciliation.md).</summary>
public static class Rules
{
    public const string ServiceNotFullOnline = "SERVICE_NOT_FULL_ONLINE";
    public const string ServiceFullOnlineNotEligible = "SERVICE_FULL_ONLINE_NOT_ELIGIBLE";
    public const string EligibleServiceNotConfigured = "ELIGIBLE_SERVICE_NOT_CONFIGURED";
    public const string ServiceNotPartialOnline = "SERVICE_NOT_PARTIAL_ONLINE";
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
    public const string ApologyDateMissed = "APOLOGY_DATE_MISSED";
    public const string OnlineSubmittedByStaff = "ONLINE_SUBMITTED_BY_STAFF";
    public const string DueDateMismatch = "DUE_DATE_MISMATCH";
    public const string WorkflowNotPublished = "WORKFLOW_NOT_PUBLISHED";
    public const string NotAtOneStopDesk = "NOT_AT_ONE_STOP_DESK";
    public const string AppNotConnectedToLgsp = "APP_NOT_CONNECTED_TO_LGSP";
    public const string NationalServiceNotInUse = "NATIONAL_SERVICE_NOT_IN_USE";
    public const string DataServiceFailing = "DATA_SERVICE_FAILING";
    public const string FeedbackNotHandled = "FEEDBACK_NOT_HANDLED";

    public static readonly IReadOnlyList<string> All =
    [
        ServiceNotFullOnline, ServiceFullOnlineNotEligible, EligibleServiceNotConfigured, ServiceNotPartialOnline, PaymentEnabledNoTransaction, DossierNotOnPortal,
        DossierUnknownToProvince, DossierStatusMismatch, PaymentUnknownDossier, PaymentNotRecorded,
        PaymentMissingTransaction, PaymentAmountMismatch, ClosedBeforeResult, LateWithoutApology, ApologyDateMissed,
        OnlineSubmittedByStaff, DueDateMismatch, WorkflowNotPublished, NotAtOneStopDesk, AppNotConnectedToLgsp, NationalServiceNotInUse, DataServiceFailing,
        FeedbackNotHandled,
    ];
}
