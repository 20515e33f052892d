using IntegrationHub.Engine.Queries;
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
}
