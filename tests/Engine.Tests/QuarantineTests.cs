using System.Text.Json;
using Azure.Data.Tables;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Engine.Tests;

/// <summary>
/// Records that cannot be stored are quarantined with their reasons and the rest goes in (real
/// Azurite, the simulators over HTTP): every list answer carries broken copies of a record (no key,
/// bad keys, a huge string, a bad date), and the hub still ends where the answer key says.
/// </summary>
public sealed class QuarantineTests
{
    private static readonly string[] Small = ["--seed", "61", "--dossiers", "1500", "--procedures", "120", "--plant-rate", "0.05"];
    private static readonly object BadEverywhere = new { motcua = new { badRecords = true }, portal = new { badRecords = true }, lgsp = new { badRecords = true } };

    [Fact]
    public async Task BrokenRecordsAreSetAsideWithTheirReasons_TheRestIsStored_AndNothingIsLost()
    {
        await using var hub = await HubHarness.StartAsync(Small);
        await hub.Sim.SetFaultsAsync(BadEverywhere);

        var first = await hub.SyncAllAsync();
        foreach (var sync in first.Syncs)
        {
            var run = sync.Run!;
            Assert.True(run.Status == Outcomes.Succeeded, $"{run.Source}: {run.Status} {run.Error}");
            Assert.True(run.Quarantined > 0, $"{run.Source} quarantined nothing");
        }
        await hub.AssertMatchesSimulatorAsync();

        var store = hub.Services.GetRequiredService<QuarantineStore>();
        var held = await store.ListAsync(null, null, QuarantineRow.Held, 10_000, default);
        Assert.Equal(first.Syncs.Sum(s => s.Run!.Quarantined), held.Count);
        var dossiers = held.Where(r => r.Stream == "motcua-dossiers").Select(r => r.Reason).ToList();
        Assert.Contains(dossiers, r => r.StartsWith("does not parse", StringComparison.Ordinal));
        Assert.Contains(dossiers, r => r == "a field the hub needs is missing");
        Assert.Contains(dossiers, r => r.Contains("holds '/'", StringComparison.Ordinal));
        Assert.Contains(dossiers, r => r.Contains("\\u0007", StringComparison.Ordinal));
        Assert.Contains(dossiers, r => r.Contains("600 characters long", StringComparison.Ordinal));
        Assert.Contains(dossiers, r => r.Contains("reserves for its marker rows", StringComparison.Ordinal));
        Assert.Contains(dossiers, r => r.Contains("column P holds", StringComparison.Ordinal));
        foreach (var stream in new[] { "motcua-agencies", "motcua-procedures", "portal-catalogue", "portal-dossiers", "portal-payments", "lgsp-applications", "lgsp-services" })
        {
            Assert.Contains(held, r => r.Stream == stream);
        }
        // The record is kept as it came: a bad date as sent.
        var badDate = held.First(r => r.Stream == "motcua-dossiers" && r.Reason.StartsWith("does not parse", StringComparison.Ordinal));
        Assert.Contains("not-a-date", await store.ReadJsonAsync(badDate, default));

        // Later runs with the fault still on: incremental merges, kept lists deleting nothing, still right.
        await hub.AdvanceAsync(24);
        Assert.All((await hub.SyncAllAsync()).Syncs, s => Assert.Equal(Outcomes.Succeeded, s.Run!.Status));
        await hub.AssertMatchesSimulatorAsync();

        // The fault cleared: nothing more is quarantined, and the hub agrees with the answer key.
        await hub.Sim.SetFaultsAsync(new { motcua = new { }, portal = new { }, lgsp = new { } });
        await hub.AdvanceAsync(24);
        var clean = await hub.SyncAllAsync();
        Assert.All(clean.Syncs, s => Assert.Equal(0, s.Run!.Quarantined));
        await hub.AssertMatchesSimulatorAsync();

        // A retry of a record the hub still cannot store leaves it held, and says why.
        var slash = held.First(r => r.Stream == "motcua-dossiers" && r.Reason.Contains("holds '/'", StringComparison.Ordinal));
        var retry = hub.Services.GetRequiredService<QuarantineRetry>();
        var again = await retry.RetryAsync(slash.Stream, slash.RowKey, default);
        Assert.Equal(QuarantineRetryOutcome.StillRejected, again.Outcome);
        Assert.Equal(QuarantineRow.Held, (await store.GetAsync(slash.Stream, slash.RowKey, default))!.Status);
        // A kept list's record is not retried: the next sync reads it again.
        var agency = held.First(r => r.Stream == "motcua-agencies");
        Assert.Equal(QuarantineRetryOutcome.NotRetriable, (await retry.RetryAsync(agency.Stream, agency.RowKey, default)).Outcome);
        Assert.Equal(QuarantineRetryOutcome.NotFound, (await retry.RetryAsync("motcua-dossiers", "0000000000000000000-00000000|000000", default)).Outcome);
    }

    [Fact]
    public async Task ARetryStoresARecordTheHubCanNowKeep_ButNeverOverANewerVersion()
    {
        await using var hub = await HubHarness.StartAsync(Small);
        Assert.True((await hub.SyncAllAsync()).Succeeded);
        var store = hub.Services.GetRequiredService<QuarantineStore>();
        var retry = hub.Services.GetRequiredService<QuarantineRetry>();

        // A stored dossier, and two versions of its case-system record set aside by an older hub:
        // one older than the stored record, one newer. And a dossier the hub never stored.
        var stored = await AnyDossierAsync(hub.Storage);
        var record = DossierRows.Read(stored).Province!;
        var template = JsonSerializer.Serialize(new Contracts.Motcua.Dossier
        {
            Code = stored.RowKey, ProcedureCode = record.Procedure, AgencyCode = record.Agency, Channel = Contracts.Motcua.Channel.InPerson,
            ReceivedAt = record.Received, DueAt = record.Due, Status = record.Status, Fee = record.Fee, UpdatedAt = record.Updated,
        }, JsonSerializerOptions.Web);
        string Version(string code, DateTimeOffset updated) => template.Replace(stored.RowKey, code, StringComparison.Ordinal)
            .Replace(JsonSerializer.Serialize(record.Updated, JsonSerializerOptions.Web), JsonSerializer.Serialize(updated, JsonSerializerOptions.Web), StringComparison.Ordinal);
        await store.SaveAsync("motcua-dossiers", "2516000000000000000-0000beef", 0,
        [
            new RejectedRecord("older hub", Version(stored.RowKey, record.Updated.AddDays(-1)), stored.RowKey),
            new RejectedRecord("older hub", Version(stored.RowKey, record.Updated.AddDays(1)), stored.RowKey),
            new RejectedRecord("older hub", Version("G99.RETRY.000001", record.Updated), "G99.RETRY.000001"),
        ], DateTimeOffset.UtcNow, default);
        var run = "2516000000000000000-0000beef";

        var older = await retry.RetryAsync("motcua-dossiers", QuarantineRow.RowKeyOf(run, 0), default);
        Assert.Equal(QuarantineRetryOutcome.Superseded, older.Outcome);
        Assert.Equal(record.Updated, DossierRows.Read(await RowAsync(hub.Storage, stored.RowKey)).Province!.Updated);

        var newer = await retry.RetryAsync("motcua-dossiers", QuarantineRow.RowKeyOf(run, 1), default);
        Assert.Equal(QuarantineRetryOutcome.Stored, newer.Outcome);
        var after = await RowAsync(hub.Storage, stored.RowKey);
        Assert.Equal(record.Updated.AddDays(1), DossierRows.Read(after).Province!.Updated);
        Assert.True(DossierRows.IsChanged(after), "a retried record waits for the reconciliation");
        Assert.Equal(stored.GetString(DossierRows.PortalColumn), after.GetString(DossierRows.PortalColumn));

        Assert.Equal(QuarantineRetryOutcome.Stored, (await retry.RetryAsync("motcua-dossiers", QuarantineRow.RowKeyOf(run, 2), default)).Outcome);
        Assert.NotNull(DossierRows.Read(await RowAsync(hub.Storage, "G99.RETRY.000001")).Province);

        // Done once: a second retry does nothing, and the list says what happened.
        Assert.Equal(QuarantineRetryOutcome.AlreadyDone, (await retry.RetryAsync("motcua-dossiers", QuarantineRow.RowKeyOf(run, 1), default)).Outcome);
        var statuses = (await store.ListAsync("motcua-dossiers", run, null, 10, default)).OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.Status);
        Assert.Equal([QuarantineRow.Superseded, QuarantineRow.Retried, QuarantineRow.Retried], statuses);
    }

    private static async Task<TableEntity> AnyDossierAsync(HubStorage storage)
    {
        foreach (var partition in DossierRows.AllPartitions())
        {
            await foreach (var row in storage.DossierTable(partition).QueryAsync<TableEntity>(maxPerPage: 50))
            {
                if (!DossierRows.IsMarker(row.RowKey) && row.GetString(DossierRows.ProvinceColumn) is not null && row.GetString(DossierRows.PortalColumn) is not null) return row;
            }
        }
        throw new InvalidOperationException("No dossier stored.");
    }

    private static async Task<TableEntity> RowAsync(HubStorage storage, string code) =>
        (await storage.DossierTable(DossierRows.PartitionOf(code)).GetEntityAsync<TableEntity>(DossierRows.PartitionOf(code), code)).Value;
}
