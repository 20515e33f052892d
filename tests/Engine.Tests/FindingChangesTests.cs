using Azure.Data.Tables;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;
using IntegrationHub.TestSupport;

namespace IntegrationHub.Engine.Tests;

/// <summary>
/// An incremental pass writes its dossiers' findings without reading them (real Azurite): blind
/// merges and inserts where the dossier rows are right about what was open, and the read-first
/// rules where they are not (a finding to open that exists resolved, one to confirm that is gone).
/// </summary>
public sealed class FindingChangesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Then = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly HubStorage storage = new(TestStorage.ConnectionString, "fc" + Guid.NewGuid().ToString("N")[..10]);
    private FindingStore Store => new(storage);

    public async Task InitializeAsync() => await storage.Table(HubStorage.Findings).CreateAsync();

    public async Task DisposeAsync() => await storage.Table(HubStorage.Findings).DeleteAsync();

    private static FindingKey Key(string subject, string agency = "000.00.00.H01") => new(Rules.LateWithoutApology, agency, subject);

    private async Task<FindingEntity> ReadAsync(FindingKey key) => (await Store.GetAsync(key, default))!;

    [Fact]
    public async Task ConfirmedResolvedAndNewFindingsAreWrittenAsTheRowsSay()
    {
        await Store.WriteAsync([FindingEntity.New(Key("D1"), Then), FindingEntity.New(Key("D2"), Then)], 1, default);

        await Store.ApplyAsync([new(Key("D1"), FindingChangeKind.Confirmed), new(Key("D2"), FindingChangeKind.Resolved), new(Key("D3"), FindingChangeKind.Opened)], Now, 2, default);

        var confirmed = await ReadAsync(Key("D1"));
        Assert.Equal((FindingEntity.Open, Then, Now, (DateTimeOffset?)null), (confirmed.Status, confirmed.FirstSeen, confirmed.LastSeen, confirmed.ResolvedAt));
        var resolved = await ReadAsync(Key("D2"));
        Assert.Equal((FindingEntity.Resolved, Then, (DateTimeOffset?)Now), (resolved.Status, resolved.FirstSeen, resolved.ResolvedAt));
        var opened = await ReadAsync(Key("D3"));
        Assert.Equal((FindingEntity.Open, Now, Now, "D3", Rules.LateWithoutApology), (opened.Status, opened.FirstSeen, opened.LastSeen, opened.Subject, opened.Rule));
    }

    [Fact]
    public async Task AFindingOpenedAgainKeepsWhenItWasFirstSeen_AndOneConfirmedButGoneIsOpened()
    {
        var earlier = FindingStore.ResolvedCopy(FindingEntity.New(Key("D4"), Then), Then.AddDays(1));
        await Store.WriteAsync([earlier, FindingEntity.New(Key("D5"), Then)], 1, default);

        // One batch (one agency): the insert of D4 conflicts, so the whole batch is done again one by one.
        await Store.ApplyAsync([new(Key("D4"), FindingChangeKind.Opened), new(Key("D5"), FindingChangeKind.Confirmed), new(Key("D6"), FindingChangeKind.Confirmed)], Now, 2, default);

        var reopened = await ReadAsync(Key("D4"));
        Assert.Equal((FindingEntity.Open, Then, Now, (DateTimeOffset?)null), (reopened.Status, reopened.FirstSeen, reopened.LastSeen, reopened.ResolvedAt));
        Assert.Equal(Now, (await ReadAsync(Key("D5"))).LastSeen);
        var wasGone = await ReadAsync(Key("D6"));
        Assert.Equal((FindingEntity.Open, Now), (wasGone.Status, wasGone.FirstSeen));
    }

    [Fact]
    public async Task ResolvingAFindingThatIsGoneWritesNothing()
    {
        await Store.ApplyAsync([new(Key("D7"), FindingChangeKind.Resolved)], Now, 1, default);

        Assert.Null(await Store.GetAsync(Key("D7"), default));
    }
}
