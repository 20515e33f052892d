namespace IntegrationHub.Contracts;

/// <summary>The national dossier status codes (the portal's TrangThaiHoSo; the case system uses the same).</summary>
public static class Statuses
{
    public const int New = 1;
    public const int Received = 2;
    public const int Rejected = 3;
    public const int InProgress = 4;
    public const int SupplementRequested = 5;
    public const int FinancialObligation = 6;
    public const int Withdrawn = 7;
    public const int Stopped = 8;
    public const int Resolved = 9;
    public const int Returned = 10;
}
