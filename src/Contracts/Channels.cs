namespace IntegrationHub.Contracts;

/// <summary>The national channel codes (the portal's KenhThucHien); the hub stores the case system's channel as the same number.</summary>
public static class Channels
{
    public const int InPerson = 1;
    public const int Online = 2;
    public const int Postal = 3;
}
