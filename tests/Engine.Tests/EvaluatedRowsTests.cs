using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;
using IntegrationHub.TestSupport;

namespace IntegrationHub.Engine.Tests;

/// <summary>
/// The reconciliation's write of an evaluated row clears the row's changed mark; a sync's merge
/// that lands between the reconciliation's read and that write must keep its mark (real Azurite;
/// the interleaving is forced by ordering, not timing).
/// </summary>
public sealed class EvaluatedRowsTests : IAsyncLifetime
{
    private readonly TableClient table = new TableServiceClient(TestStorage.ConnectionString).GetTableClient("ev" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync() => await table.CreateAsync();

    public async Task DisposeAsync() => await table.DeleteAsync();

    [Fact]
    public void TheRowsToEvaluateOfABucketAreOneFilter()
    {
        Assert.Equal("PartitionKey eq 'b07' and (D eq true or E_Due le '2025-07-01T01:00:00.0000000Z')",
            DossierRows.ToEvaluateFilter("b07", new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(7))));
    }

    [Fact]
    public async Task ChangedRowsAndRowsWhoseNextCheckHasComeAreRead_NoOthers()
    {
        var now = new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(7));
        var partition = "b05";
        await table.UpsertEntityAsync(DossierRows.MarkedChanged(new TableEntity(partition, "changed") { [DossierRows.NextCheckColumn] = DossierRows.DueText(now.AddDays(3)) }));
        await table.UpsertEntityAsync(new TableEntity(partition, "due") { [DossierRows.NextCheckColumn] = DossierRows.DueText(now.AddMinutes(-1)), [DossierRows.ChangedColumn] = false });
        await table.UpsertEntityAsync(new TableEntity(partition, "due-now") { [DossierRows.NextCheckColumn] = DossierRows.DueText(now) });
        await table.UpsertEntityAsync(new TableEntity(partition, "later") { [DossierRows.NextCheckColumn] = DossierRows.DueText(now.AddSeconds(1)) });
        await table.UpsertEntityAsync(new TableEntity(partition, "never") { [DossierRows.NextCheckColumn] = DossierRows.NoNextCheck });
        await table.UpsertEntityAsync(new TableEntity(partition, "fresh") { [DossierRows.ProvinceColumn] = "record only" });
        await table.UpsertEntityAsync(new TableEntity("b06", "other bucket") { [DossierRows.NextCheckColumn] = DossierRows.DueText(now.AddDays(-1)) });

        var read = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(DossierRows.ToEvaluateFilter(partition, now))) read.Add(row.RowKey);

        Assert.Equal(["changed", "due", "due-now"], read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ANextCheckIsStoredAsUtcTextWhoseOrderIsTimeOrder_AndReadBack()
    {
        var morning = new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(7));
        var texts = new[] { morning.AddTicks(1), morning.AddHours(-9), morning, morning.AddYears(10) }.Select(t => DossierRows.DueText(t)).ToList();

        Assert.Equal(["2025-06-30T16:00:00.0000000Z", "2025-07-01T01:00:00.0000000Z", "2025-07-01T01:00:00.0000001Z", "2035-07-01T01:00:00.0000000Z"], texts.Order(StringComparer.Ordinal));
        Assert.True(string.CompareOrdinal(texts.Max(StringComparer.Ordinal), DossierRows.DueText(null)) < 0);
        var row = new TableEntity("b01", "x") { [DossierRows.NextCheckColumn] = DossierRows.DueText(morning) };
        Assert.Equal(morning, DossierRows.Read(row).NextCheck);
        row[DossierRows.NextCheckColumn] = DossierRows.DueText(null);
        Assert.Null(DossierRows.Read(row).NextCheck);
    }

    [Fact]
    public async Task ARowNotMergedMeanwhileIsWrittenWithItsEvaluationAndNoLongerListedAsChanged()
    {
        var code = "G22.000000001";
        var partition = DossierRows.PartitionOf(code);
        await table.UpsertEntityAsync(DossierRows.MarkedChanged(new TableEntity(partition, code) { [DossierRows.ProvinceColumn] = "case record" }), TableUpdateMode.Merge);
        var read = await ReadChangedAsync(partition);

        await DossierRows.SubmitEvaluatedAsync(table, [DossierRows.Evaluated(new TableEntity(partition, code) { [DossierRows.FindingsColumn] = "evaluated" }, Assert.Single(read).ETag)], 1, default);

        Assert.Empty(await ReadChangedAsync(partition));
        var row = (await table.GetEntityAsync<TableEntity>(partition, code)).Value;
        Assert.Equal(("case record", "evaluated"), (row.GetString(DossierRows.ProvinceColumn), row.GetString(DossierRows.FindingsColumn)));
    }

    [Fact]
    public async Task ASyncMergeAfterTheReadKeepsTheRowChanged_AndTheEvaluationIsStoredAnyway()
    {
        var code = "G22.000000002";
        var partition = DossierRows.PartitionOf(code);
        await table.UpsertEntityAsync(DossierRows.MarkedChanged(new TableEntity(partition, code) { [DossierRows.ProvinceColumn] = "first record" }), TableUpdateMode.Merge);
        var read = Assert.Single(await ReadChangedAsync(partition));
        // The sync merges a payment after the reconciliation read the row.
        await table.UpsertEntityAsync(DossierRows.MarkedChanged(new TableEntity(partition, code) { ["T_1"] = "payment" }), TableUpdateMode.Merge);

        await DossierRows.SubmitEvaluatedAsync(table, [DossierRows.Evaluated(new TableEntity(partition, code) { [DossierRows.FindingsColumn] = "of the first record" }, read.ETag)], 1, default);

        var still = Assert.Single(await ReadChangedAsync(partition));
        Assert.Equal(("first record", "payment", "of the first record"), (still.GetString(DossierRows.ProvinceColumn), still.GetString("T_1"), still.GetString(DossierRows.FindingsColumn)));
    }

    [Fact]
    public async Task ANewRowCreatedBySyncMeanwhileIsMergedNotReplaced_AndStaysChanged()
    {
        var code = "G22.000000003";
        var partition = DossierRows.PartitionOf(code);
        // The full pass did not find the row (null: insert), but a sync created it meanwhile.
        await table.UpsertEntityAsync(DossierRows.MarkedChanged(new TableEntity(partition, code) { [DossierRows.PortalColumn] = "portal record" }), TableUpdateMode.Merge);

        await DossierRows.SubmitEvaluatedAsync(table, [DossierRows.Evaluated(new TableEntity(partition, code) { [DossierRows.ProvinceColumn] = "staged record", [DossierRows.FindingsColumn] = "x" }, readAs: null)], 1, default);

        var row = Assert.Single(await ReadChangedAsync(partition));
        Assert.Equal(("staged record", "portal record", "x"), (row.GetString(DossierRows.ProvinceColumn), row.GetString(DossierRows.PortalColumn), row.GetString(DossierRows.FindingsColumn)));
    }

    private async Task<List<TableEntity>> ReadChangedAsync(string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(DossierRows.ToEvaluateFilter(partition, DateTimeOffset.UtcNow))) rows.Add(row);
        return rows;
    }
}
