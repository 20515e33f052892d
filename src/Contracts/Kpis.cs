namespace IntegrationHub.Contracts;

/// <summary>The stable KPI names (docs/reconciliation.md), shared by the simulators' answer key and the hub.</summary>
public static class Kpis
{
    public const string FullOnlineCoverage = "full_online_coverage";
    public const string PartialOnlineCoverage = "partial_online_coverage";
    public const string OnlineDossierRate = "online_dossier_rate";
    public const string PaymentProceduresWithTransaction = "payment_procedures_with_transaction";
    public const string OnlinePaymentRate = "online_payment_rate";
    public const string OnTimeRate = "on_time_rate";
    public const string LateApologyRate = "late_apology_rate";
    public const string DigitisationRate = "digitisation_rate";
    public const string PortalSyncRate = "portal_sync_rate";
    public const string ClosedBeforeResult = "closed_before_result";
    public const string LgspConnectionRate = "lgsp_connection_rate";
    public const string NationalServicesInUse = "national_services_in_use";
    public const string WorkflowPublicationRate = "workflow_publication_rate";
    public const string OneStopRate = "one_stop_rate";
    public const string VerticalOneStopRate = "vertical_one_stop_rate";
    public const string LinkedSameLevelProcedures = "linked_same_level_procedures";
    public const string LinkedCrossLevelProcedures = "linked_cross_level_procedures";
    public const string FeedbackHandledRate = "feedback_handled_rate";
    /// <summary>Hub only (not in the simulators' key): ratings of 4 or 5 over ratings given.</summary>
    public const string SatisfactionRate = "satisfaction_rate";
}
