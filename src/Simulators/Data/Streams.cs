namespace IntegrationHub.Simulators.Data;

/// <summary>Stream identifiers keep the random draws of different entity kinds independent.</summary>
internal static class Streams
{
    public const ulong Procedure = 1;
    public const ulong Application = 2;
    public const ulong DataService = 3;
    public const ulong Name = 4;
    public const ulong Dossier = 5;
    public const ulong Monitoring = 6;
    public const ulong Pause = 7;
    public const ulong Payment = 8;
    public const ulong ProcedureSetup = 9;
    public const ulong Handler = 10;
    public const ulong NationalCatalogue = 11;
    public const ulong Feedback = 12;
}
