using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine.Tests;

public sealed class PagingGuardTests
{
    [Fact]
    public void CursorsThatMoveOnPageToTheEnd()
    {
        var guard = new PagingGuard("motcua-dossiers", maxPages: 10);
        guard.Check(null, "a");
        guard.Check("a", "b");
        guard.Check("b", "c");
        guard.Check("c", null);
    }

    [Fact]
    public void AStuckCursorEndsTheStreamWithAClearError()
    {
        var guard = new PagingGuard("motcua-dossiers", maxPages: 10);
        guard.Check(null, "a");
        var error = Assert.Throws<UpstreamException>(() => guard.Check("a", "a"));
        Assert.Equal(ErrorKind.Protocol, error.Kind);
        Assert.Contains("already given", error.Message);
    }

    [Fact]
    public void ACursorLoopingBackToAnEarlierPageEndsTheStream()
    {
        var guard = new PagingGuard("portal-dossiers", maxPages: 10);
        guard.Check("resumed-here", "b");
        guard.Check("b", "c");
        Assert.Throws<UpstreamException>(() => guard.Check("c", "resumed-here"));
    }

    [Fact]
    public void MorePagesThanTheCapEndTheStream()
    {
        var guard = new PagingGuard("portal-payments", maxPages: 3);
        guard.Check(null, "1");
        guard.Check("1", "2");
        guard.Check("2", "3");
        var error = Assert.Throws<UpstreamException>(() => guard.Check("3", "4"));
        Assert.Contains("more than 3 pages", error.Message);
    }

    [Fact]
    public void AnUpstreamClockAheadOfTheHubsIsNotTakenAsTheWatermark()
    {
        var now = new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(now, IncrementalStream.PassEnd(now.AddDays(365), now));
        Assert.Equal(now, IncrementalStream.PassEnd(now + IncrementalStream.MaxClockSkew + TimeSpan.FromSeconds(1), now));
        // Within the tolerance, or behind: the upstream's own clock.
        Assert.Equal(now.AddMinutes(2), IncrementalStream.PassEnd(now.AddMinutes(2), now));
        Assert.Equal(now.AddHours(-1), IncrementalStream.PassEnd(now.AddHours(-1), now));
        Assert.Null(IncrementalStream.PassEnd(null, now));
    }
}
