using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

public sealed class StagedRowsTests
{
    [Fact]
    public void RowsComeBackWithEveryColumnAndItsType()
    {
        var at = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(7)).AddTicks(1234567);
        var row = new TableEntity("b07", "G22.000000042")
        {
            ["Text"] = "Sở Tư pháp | tab\tand newline\n", ["When"] = at, ["Small"] = 7, ["Large"] = 6_000_000_000L,
            ["Flag"] = true, ["Off"] = false, ["Ratio"] = 0.1 + 0.2,
        };
        var back = Assert.Single(StagedRows.Read(new MemoryStream(StagedRows.Write([row]))));

        Assert.Equal(("b07", "G22.000000042"), (back.PartitionKey, back.RowKey));
        Assert.Equal("Sở Tư pháp | tab\tand newline\n", back["Text"]);
        Assert.Equal(at.UtcTicks, Assert.IsType<DateTimeOffset>(back["When"]).UtcTicks);
        Assert.Equal(7, Assert.IsType<int>(back["Small"]));
        Assert.Equal(6_000_000_000L, Assert.IsType<long>(back["Large"]));
        Assert.True(Assert.IsType<bool>(back["Flag"]));
        Assert.False(Assert.IsType<bool>(back["Off"]));
        Assert.Equal(0.1 + 0.2, Assert.IsType<double>(back["Ratio"]));
    }

    [Fact]
    public void ManyRowsKeepTheirOrder()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new TableEntity("b01", $"code{i}") { ["I"] = i }).ToList();
        var back = StagedRows.Read(new MemoryStream(StagedRows.Write(rows)));
        Assert.Equal(rows.Select(r => r.RowKey), back.Select(r => r.RowKey));
        Assert.Equal(Enumerable.Range(0, 5000), back.Select(r => (int)r["I"]));
    }

    [Fact]
    public void AMergeKeepsAbsentColumnsAndLetsPresentOnesWin()
    {
        var stored = new TableEntity("b01", "x") { ["Status"] = 1, ["Result"] = DateTimeOffset.UnixEpoch, ["T_a"] = "first payment" };
        StagedRows.MergeInto(stored, new TableEntity("b01", "x") { ["Status"] = 3, ["T_b"] = "second payment" });
        Assert.Equal(3, stored["Status"]);
        Assert.Equal(DateTimeOffset.UnixEpoch, stored["Result"]);
        Assert.Equal("first payment", stored["T_a"]);
        Assert.Equal("second payment", stored["T_b"]);
    }

    [Fact]
    public void OfTwoCopiesOfADossierTheOneUpdatedLaterWins_InWhicheverOrderTheyCame()
    {
        Contracts.Motcua.Dossier Copy(int status, int day) => new()
        {
            Code = "G22.1", ProcedureCode = "1.001", AgencyCode = "000.00.00.H10", Status = status,
            ReceivedAt = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(7)), DueAt = new DateTimeOffset(2025, 3, 9, 8, 0, 0, TimeSpan.FromHours(7)),
            UpdatedAt = new DateTimeOffset(2025, 3, day, 8, 0, 0, TimeSpan.FromHours(7)),
        };
        var older = DossierFeedRows.FromProvince(Copy(status: 1, day: 2));
        var newer = DossierFeedRows.FromProvince(Copy(status: 4, day: 5));

        var newerFirst = DossierFeedRows.FromProvince(Copy(status: 4, day: 5));
        StagedRows.MergeInto(newerFirst, older);
        var olderFirst = DossierFeedRows.FromProvince(Copy(status: 1, day: 2));
        StagedRows.MergeInto(olderFirst, newer);

        Assert.Equal(4, DossierRows.Read(newerFirst).Province!.Status);
        Assert.Equal(4, DossierRows.Read(olderFirst).Province!.Status);
    }

    [Fact]
    public void ACorrectionThatClearsAFieldIsApplied_TheRecordIsReplacedWhole()
    {
        Contracts.Motcua.Dossier Version(DateTimeOffset? result, int day) => new()
        {
            Code = "G22.2", ProcedureCode = "1.001", AgencyCode = "000.00.00.H10", Status = result is null ? 2 : 4, ResultIssuedAt = result,
            ReceivedAt = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(7)), DueAt = new DateTimeOffset(2025, 3, 9, 8, 0, 0, TimeSpan.FromHours(7)),
            UpdatedAt = new DateTimeOffset(2025, 3, day, 8, 0, 0, TimeSpan.FromHours(7)),
        };
        var stored = DossierFeedRows.FromProvince(Version(new DateTimeOffset(2025, 3, 4, 8, 0, 0, TimeSpan.FromHours(7)), day: 4));

        // The case system withdraws the result it had recorded by mistake.
        StagedRows.MergeInto(stored, DossierFeedRows.FromProvince(Version(null, day: 6)));

        var province = DossierRows.Read(stored).Province!;
        Assert.Null(province.Result);
        Assert.Equal(2, province.Status);
    }

    [Fact]
    public void AColumnOfATypeStagingCannotKeepIsRefusedNotDropped()
    {
        var row = new TableEntity("b01", "x") { ["Blob"] = new byte[] { 1, 2 } };
        Assert.Throws<NotSupportedException>(() => StagedRows.Write([row]));
    }
}
