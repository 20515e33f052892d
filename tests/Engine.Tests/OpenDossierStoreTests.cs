using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>The incremental pass's writes to the OpenDossiers table, made without reading it, against Azurite.</summary>
public sealed class OpenDossierStoreTests
{
    private static OpenDossier Open(string code, string agency = "000.00.01.H38", string? handler = "cb01") =>
        new(code, agency, "1.001001", new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.FromHours(7)),
            new DateTimeOffset(2025, 3, 10, 17, 0, 0, TimeSpan.FromHours(7)), Waiting: false, LateWhenWaitBegan: false, handler, "Nguyễn Văn A");

    [Fact]
    public async Task ChangesAreUpsertedAndEndedDossiersDeleted_EvenWhenARowToDeleteIsAlreadyGone()
    {
        var storage = new HubStorage(TestStorage.ConnectionString, "o" + Guid.NewGuid().ToString("N")[..10]);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        try
        {
            var store = new OpenDossierStore(storage);
            // Codes chosen in one bucket, so the deletes and the upsert share a batch.
            var codes = Enumerable.Range(0, 5000).Select(i => $"H38.{i:D6}").GroupBy(DossierRows.PartitionOf).First(g => g.Count() >= 3).Take(3).ToArray();
            await store.ApplyChangesAsync(new Dictionary<string, OpenDossier?> { [codes[0]] = Open(codes[0]), [codes[1]] = Open(codes[1]) }, CancellationToken.None);
            Assert.Equal([codes[0], codes[1]], (await store.ReadAgencyAsync("000.00.01.H38", CancellationToken.None)).Select(d => d.Code).Order());

            // codes[0] ended; codes[1] moved to another handler; codes[2] ended but was never listed (its row is not there).
            await store.ApplyChangesAsync(new Dictionary<string, OpenDossier?> { [codes[0]] = null, [codes[1]] = Open(codes[1], handler: "cb02"), [codes[2]] = null }, CancellationToken.None);
            var listed = await store.ReadAgencyAsync("000.00.01.H38", CancellationToken.None);
            Assert.Equal(Open(codes[1], handler: "cb02"), Assert.Single(listed));
        }
        finally
        {
            await storage.DeleteAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void TheFingerprintIsEmptyForNoRowAndChangesWithEveryColumn()
    {
        var d = Open("H38.000001");
        Assert.Equal("", OpenDossierRow.Fingerprint(null));
        Assert.Matches("^[0-9A-F]{16}$", OpenDossierRow.Fingerprint(d));
        Assert.Equal(OpenDossierRow.Fingerprint(d), OpenDossierRow.Fingerprint(d with { Due = d.Due.ToUniversalTime() }));
        OpenDossier[] others =
        [
            d with { Agency = "000.00.02.H38" }, d with { Procedure = "1.001002" }, d with { Received = d.Received.AddSeconds(1) },
            d with { Due = d.Due.AddDays(1) }, d with { Waiting = true }, d with { LateWhenWaitBegan = true }, d with { Handler = null },
            d with { HandlerName = "Trần Thị B" },
        ];
        Assert.Equal(others.Length, others.Select(OpenDossierRow.Fingerprint).Append(OpenDossierRow.Fingerprint(d)).Distinct().Count() - 1);
    }
}
