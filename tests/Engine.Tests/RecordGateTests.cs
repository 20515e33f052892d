using System.Text;
using Azure.Data.Tables;
using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Tests;

/// <summary>A page's records are admitted one at a time against Table Storage's real limits (pure; Azurite enforces fewer).</summary>
public sealed class RecordGateTests
{
    private static TableEntity Row(string partition, string row, string? value = "v") => new(partition, row) { ["C"] = value };

    [Theory]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\u0007b", "\\u0007")]
    [InlineData("a\u007fb", "\\u007f")]
    [InlineData("", "RowKey is missing")]
    public void KeysTableStorageRefusesAreNamed(string key, string expected)
    {
        Assert.Contains(expected, TableLimits.Problem(Row("p", key)));
    }

    [Fact]
    public void LimitsAreTheServicesNotTheEmulators()
    {
        Assert.Null(TableLimits.Problem(Row("b01", "G22.000001", new string('x', TableLimits.MaxStringChars))));
        Assert.Contains("32,769 characters", TableLimits.Problem(Row("b01", "G22.000001", new string('x', TableLimits.MaxStringChars + 1))));
        Assert.Null(TableLimits.Problem(Row("b01", new string('k', TableLimits.MaxKeyChars))));
        Assert.Contains("513 characters", TableLimits.Problem(Row("b01", new string('k', TableLimits.MaxKeyChars + 1))));

        var wide = new TableEntity("p", "r");
        for (var i = 0; i < TableLimits.MaxProperties; i++) wide["C" + i] = i;
        Assert.Null(TableLimits.Problem(wide));
        wide["One more"] = 1;
        Assert.Contains("253 columns", TableLimits.Problem(wide));

        var heavy = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++) heavy["S" + i] = new string('y', 30_000);
        Assert.Contains("per row", TableLimits.Problem(heavy));
    }

    [Fact]
    public void ABadRecordIsSetAsideWithItsReasonAndJson_TheOthersGoOn()
    {
        var good = Dossier("G22.000001");
        var noCode = Dossier(null!);
        var marker = Dossier("~due|x");
        var huge = Dossier("G22.000002");
        huge.ProcedureCode = new string('p', 40_000);

        var (rows, rejected) = RecordGate.Admit([good, noCode, marker, huge], DossierFeedRows.FromProvince, DossierRowProblems.Of);

        Assert.Equal("G22.000001", Assert.Single(rows).RowKey);
        Assert.Equal(3, rejected.Count);
        Assert.Equal("a field the hub needs is missing", rejected[0].Reason);
        Assert.Contains("\"code\":null", rejected[0].Json);
        Assert.Null(rejected[0].Key);
        Assert.Contains("reserves for its marker rows", rejected[1].Reason);
        Assert.Equal("~due|x", rejected[1].Key);
        Assert.Contains("column P holds", rejected[2].Reason);
        Assert.Equal("G22.000002", rejected[2].Key);
    }

    [Fact]
    public void AnAgencyCodeIsKeyMaterialForFindings_EscapedWhenOdd_RefusedWhenTooLong()
    {
        var odd = Dossier("G22.000003");
        odd.AgencyCode = "H10/phong#1";
        var tooLong = Dossier("G22.000004");
        tooLong.AgencyCode = new string('A', 600);

        var (rows, rejected) = RecordGate.Admit([odd, tooLong], DossierFeedRows.FromProvince, DossierRowProblems.Of);

        Assert.Equal("G22.000003", Assert.Single(rows).RowKey);
        Assert.Contains("the agency code is 600 characters long", Assert.Single(rejected).Reason);
        Assert.Equal("H10%2Fphong%231", FindingEntity.PartitionOf(odd.AgencyCode));
        Assert.Null(TableLimits.KeyProblem(FindingEntity.PartitionOf(odd.AgencyCode)));
    }

    [Fact]
    public void APageWithARecordThatDoesNotParseKeepsTheOthers_ACutPageIsNotReadAtAll()
    {
        var page = """{"items":[{"code":"A","channel":"Online"},{"code":"B","channel":"Telepathy"},{"code":"C","channel":"InPerson"}],"nextCursor":"n2","asOf":"2025-07-01T08:00:00+07:00"}""";
        var read = TolerantPage.Read<DossierPage, Dossier>(Encoding.UTF8.GetBytes(page), "items", MotcuaClient.SerializerOptions);

        Assert.NotNull(read);
        Assert.Equal(["A", "C"], read.Value.Items.Select(d => d.Code));
        var bad = Assert.Single(read.Value.Rejected);
        Assert.StartsWith("does not parse", bad.Reason);
        Assert.Contains("Telepathy", bad.Json);
        Assert.Equal("n2", read.Value.Envelope.NextCursor);

        Assert.Null(TolerantPage.Read<DossierPage, Dossier>(Encoding.UTF8.GetBytes(page[..(page.Length / 2)]), "items", MotcuaClient.SerializerOptions));
        Assert.Null(TolerantPage.Read<DossierPage, Dossier>(Encoding.UTF8.GetBytes("""{"other":[]}"""), "items", MotcuaClient.SerializerOptions));
    }

    private static Dossier Dossier(string code) => new()
    {
        Code = code, ProcedureCode = "1.001", AgencyCode = "000.00.00.H10", Channel = Channel.Online,
        ReceivedAt = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(7)), DueAt = new DateTimeOffset(2025, 3, 5, 8, 0, 0, TimeSpan.FromHours(7)),
        UpdatedAt = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(7)),
    };
}
