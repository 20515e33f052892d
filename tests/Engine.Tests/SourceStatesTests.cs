using IntegrationHub.Engine.Queries;
using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Tests;

/// <summary>A source's connection state from its latest runs (the agency status), without storage.</summary>
public sealed class SourceStatesTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 9, 0, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(null, 0, null, "Unknown")]
    [InlineData(Outcomes.Succeeded, 0, 30.0, "Healthy")]
    [InlineData(Outcomes.Succeeded, 0, 121.0, "Degraded")]
    [InlineData(Outcomes.Degraded, 0, 10.0, "Degraded")]
    [InlineData(Outcomes.Failed, 1, 10.0, "Degraded")]
    [InlineData(Outcomes.Failed, 2, 10.0, "Degraded")]
    [InlineData(Outcomes.Failed, 3, 10.0, "Down")]
    [InlineData(Outcomes.Failed, 3, null, "Down")]
    [InlineData(Outcomes.Abandoned, 0, 10.0, "Degraded")]
    public void IsJudgedFromTheLastRun_TheRunOfFailures_AndTheAgeOfTheLastSuccess(string? last, int failures, double? successMinutesAgo, string expected) =>
        Assert.Equal(expected, SourceStates.Of(last, failures, successMinutesAgo is { } m ? Now.AddMinutes(-m) : null, Now));

    [Fact]
    public void TheStatusRowKeepsTheFactsOfTheSourcesFinishedRuns_NewestFirst()
    {
        RunRecord Run(string source, string status, int minutesAgo, string? kind = null) =>
            new() { RowKey = RunStore.NewId(), Source = source, Status = status, Started = Now.AddMinutes(-minutesAgo - 1), Ended = Now.AddMinutes(-minutesAgo), ErrorKind = kind };
        var recent = new[]
        {
            Run(Sources.Portal, Outcomes.Running, 0), Run(Sources.Portal, Outcomes.Failed, 5, "Timeout"), Run(Sources.Lgsp, Outcomes.Succeeded, 6),
            Run(Sources.Portal, Outcomes.Failed, 20, "Unavailable"), Run(Sources.Portal, Outcomes.Degraded, 35), Run(Sources.Portal, Outcomes.Succeeded, 50),
        };
        var portal = SourceStatusRows.From(Sources.Portal, recent, Now);
        Assert.Equal((Outcomes.Failed, 2, Now.AddMinutes(-35), Now.AddMinutes(-5), "Timeout"),
            (portal.LastStatus, portal.ConsecutiveFailures, portal.LastSuccess, portal.LastFailure, portal.LastFailureKind));
        var lgsp = SourceStatusRows.From(Sources.Lgsp, recent, Now);
        Assert.Equal((Outcomes.Succeeded, 0, Now.AddMinutes(-6)), (lgsp.LastStatus, lgsp.ConsecutiveFailures, lgsp.Watermark));
        var motcua = SourceStatusRows.From(Sources.Motcua, recent, Now);
        Assert.Null(motcua.LastStatus);
        Assert.Equal("Unknown", SourceStates.Of(motcua.LastStatus, motcua.ConsecutiveFailures, motcua.LastSuccess, Now));
    }
}
