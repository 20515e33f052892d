using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators.Tests;

/// <summary>The bad-records fault adds broken copies of a list's first record and leaves the real ones alone (pure).</summary>
public sealed class BadRecordsTests
{
    [Fact]
    public void EachKindOfBrokenCopyIsAppended_TheRealRecordsStay()
    {
        var page = """{"items":[{"code":"G22.1","procedureCode":"1.001","receivedAt":"2025-03-01T08:00:00+07:00"},{"code":"G22.2","procedureCode":"1.002","receivedAt":"2025-03-02T08:00:00+07:00"}],"nextCursor":null}""";

        var items = JsonNode.Parse(BadRecords.Inject(Encoding.UTF8.GetBytes(page), dossiers: true)!)!["items"]!.AsArray();

        Assert.Equal(2 + BadRecords.Kinds.Count, items.Count);
        Assert.Equal(["G22.1", "G22.2"], items.Take(2).Select(i => (string)i!["code"]!));
        var copies = items.Skip(2).ToList();
        Assert.Null(copies[0]!["code"]);
        Assert.Equal("G22.1/bad", (string)copies[1]!["code"]!);
        Assert.Equal(600, ((string)copies[2]!["code"]!).Length);
        Assert.Equal("G22.1\u0007", (string)copies[3]!["code"]!);
        Assert.Equal("~G22.1", (string)copies[4]!["code"]!);
        Assert.Equal(40_000, ((string)copies[5]!["procedureCode"]!).Length);
        Assert.Equal("not-a-date", (string)copies[6]!["receivedAt"]!);
    }

    [Fact]
    public void ATildeCodeIsBrokenOnlyInAListOfDossiers()
    {
        var agencies = """{"items":[{"code":"000.00.01.H10","name":"Sở Tư pháp"}]}""";
        var items = JsonNode.Parse(BadRecords.Inject(Encoding.UTF8.GetBytes(agencies), dossiers: false)!)!["items"]!.AsArray();
        Assert.DoesNotContain(items, i => ((string?)i!["code"])?.StartsWith('~') == true);
        Assert.Equal(1 + BadRecords.Kinds.Count - 2, items.Count); // no "~" copy, and no date to break
    }

    [Theory]
    [InlineData("""{"items":[]}""")]
    [InlineData("""{"data":[{"serviceCode":"S1","requests":3}]}""")]
    [InlineData("""not json""")]
    public void AnAnswerWithoutAKeyedRecordIsLeftAsItIs(string body)
    {
        Assert.Null(BadRecords.Inject(Encoding.UTF8.GetBytes(body), dossiers: true));
    }
}
