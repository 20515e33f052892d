using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A row of the OpenDossiers table (<see cref="OpenDossierStore"/>): PartitionKey the dossier's
/// bucket (as in the Dossiers tables), RowKey its code; the dossier as the weekly due review lists it.
/// </summary>
public sealed class OpenDossierRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Agency { get; set; } = "";
    public string Procedure { get; set; } = "";
    public DateTimeOffset Received { get; set; }
    public DateTimeOffset Due { get; set; }
    public bool Waiting { get; set; }
    public bool LateWhenWaitBegan { get; set; }
    public string? Handler { get; set; }
    public string? HandlerName { get; set; }

    /// <summary>The column the review filters on: an agency's open dossiers.</summary>
    public const string AgencyColumn = nameof(Agency);

    public static OpenDossierRow From(OpenDossier d) => new()
    {
        PartitionKey = DossierRows.PartitionOf(d.Code), RowKey = d.Code, Agency = d.Agency, Procedure = d.Procedure,
        Received = d.Received, Due = d.Due, Waiting = d.Waiting, LateWhenWaitBegan = d.LateWhenWaitBegan, Handler = d.Handler, HandlerName = d.HandlerName,
    };

    /// <summary>
    /// What the row of <paramref name="d"/> holds, in 16 hex digits ("" when the dossier is not open):
    /// kept in the dossier's own row (<see cref="DossierRows.OpenColumn"/>), so an incremental pass knows
    /// which rows to write and delete without reading this table.
    /// </summary>
    public static string Fingerprint(OpenDossier? d)
    {
        if (d is null) return "";
        var text = string.Join('\u001f', d.Code, d.Agency, d.Procedure, d.Received.UtcTicks.ToString(CultureInfo.InvariantCulture),
            d.Due.UtcTicks.ToString(CultureInfo.InvariantCulture), d.Waiting ? "1" : "0", d.LateWhenWaitBegan ? "1" : "0", d.Handler ?? "", d.HandlerName ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }

    public OpenDossier ToOpenDossier() => new(RowKey, Agency, Procedure, Received, Due, Waiting, LateWhenWaitBegan, Handler, HandlerName);
}
