using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Contracts.Portal;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Sync;

/// <summary>
/// Retries a quarantined dossier record with the hub as it is now (after a fix of the hub or of a
/// limit): parsed and checked again, stored if it now passes and no version at least as new is
/// stored, marked changed for the next reconciliation. Records the upstream corrects need no
/// retry: the corrected version is newer, and the next sync reads it.
/// </summary>
public sealed class QuarantineRetry(HubStorage storage, QuarantineStore quarantine, ReconcileStateStore reconcileState, TimeProvider time)
{
    /// <summary>How each dossier stream's records are read from the JSON kept in quarantine.</summary>
    private static readonly Dictionary<string, Func<string, TableEntity>> Readers = new(StringComparer.Ordinal)
    {
        ["motcua-dossiers"] = json => DossierFeedRows.FromProvince(Parse<Dossier>(json, MotcuaClient.SerializerOptions)),
        ["portal-dossiers"] = json => DossierFeedRows.FromPortal(Parse<HoSo>(json, PortalConnector.ItemOptions)),
        ["portal-payments"] = json => DossierFeedRows.FromPayment(Parse<GiaoDichThanhToan>(json, PortalConnector.ItemOptions)),
    };

    public async Task<QuarantineRetryResult> RetryAsync(string stream, string id, CancellationToken cancellationToken)
    {
        var row = await quarantine.GetAsync(stream, id, cancellationToken);
        if (row is null) return new(QuarantineRetryOutcome.NotFound, $"No quarantined record {stream}/{id}.");
        if (row.Status != QuarantineRow.Held) return new(QuarantineRetryOutcome.AlreadyDone, $"Already {row.Status} at {row.RetriedAt:u}.");
        if (!Readers.TryGetValue(stream, out var read))
        {
            return new(QuarantineRetryOutcome.NotRetriable, $"{stream} is a list the hub reads whole on every sync: the next sync reads this record again.");
        }
        var json = await quarantine.ReadJsonAsync(row, cancellationToken);
        var (rows, rejected) = RecordGate.Admit([json], read, DossierRowProblems.Of);
        if (rejected.Count > 0) return new(QuarantineRetryOutcome.StillRejected, rejected[0].Reason);
        var offered = rows[0];
        if (await reconcileState.IsFullPendingAsync(cancellationToken))
        {
            return new(QuarantineRetryOutcome.FullPending, "A full reconciliation is pending and applies staged records first: retry after it.");
        }

        var table = storage.DossierTable(offered.PartitionKey);
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(offered.PartitionKey, offered.RowKey, cancellationToken: cancellationToken);
        if (stored.HasValue && DossierSupersession.IsSuperseded(stored.Value!, offered))
        {
            await quarantine.MarkAsync(row, QuarantineRow.Superseded, time.GetUtcNow(), cancellationToken);
            return new(QuarantineRetryOutcome.Superseded, $"Dossier {offered.RowKey} already holds this record or a newer one: nothing written.");
        }
        try
        {
            // Conditional on the row as read: a sync's newer merge in between is never overwritten.
            if (stored.HasValue) await table.UpdateEntityAsync(DossierRows.MarkedChanged(offered), stored.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
            else await table.AddEntityAsync(DossierRows.MarkedChanged(offered), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return new(QuarantineRetryOutcome.Conflict, $"Dossier {offered.RowKey} was written meanwhile: retry again.");
        }
        await quarantine.MarkAsync(row, QuarantineRow.Retried, time.GetUtcNow(), cancellationToken);
        return new(QuarantineRetryOutcome.Stored, $"Dossier {offered.RowKey} stored; the next reconciliation evaluates it.");
    }

    private static T Parse<T>(string json, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, options) ?? throw new FormatException("the record is null");
        }
        catch (JsonException ex)
        {
            throw new FormatException("does not parse: " + ex.Message.Split('\n')[0], ex);
        }
    }
}
