using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators.Tests;

/// <summary>Faults that rewrite a good answer's content: a cursor that never moves on, a clock in the future (pure).</summary>
public sealed class AnswerRewritesTests
{
    private static readonly DateTimeOffset Now = new(2025, 12, 31, 10, 0, 0, TimeSpan.FromHours(7));
    private const string Page = """{"items":[{"code":"G22.1"}],"nextCursor":"c2","asOf":"2025-12-31T10:00:00+07:00"}""";

    private static JsonNode Rewritten(FaultSettings settings, string? cursorAsked) =>
        JsonNode.Parse(AnswerRewrites.Apply(Encoding.UTF8.GetBytes(Page), settings, cursorAsked, dossiers: true, Now)!)!;

    [Fact]
    public void AStuckCursorNamesThePageAskedForAgain_TheFirstPageIsLeftAlone()
    {
        Assert.Equal("c1", (string)Rewritten(new FaultSettings { StuckCursor = true }, "c1")["nextCursor"]!);
        Assert.Null(AnswerRewrites.Apply(Encoding.UTF8.GetBytes(Page), new FaultSettings { StuckCursor = true }, null, dossiers: true, Now));
    }

    [Fact]
    public void AFutureClockIsTheTrueOneMovedAhead()
    {
        Assert.Equal("2026-01-10T10:00:00+07:00", (string)Rewritten(new FaultSettings { FutureAsOfHours = 240 }, null)["asOf"]!);
    }

    [Fact]
    public void WithoutTheseFaultsNothingIsRewritten()
    {
        Assert.Null(AnswerRewrites.Apply(Encoding.UTF8.GetBytes(Page), new FaultSettings(), "c1", dossiers: true, Now));
    }
}
