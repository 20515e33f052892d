using Azure.Data.Tables;
using IntegrationHub.Engine.Connectors;
using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

public sealed class CatalogueEvaluatorTests
{
    private static CatalogueState State(
        ProcedureFacts[]? procedures = null, PortalProcedureFacts[]? portal = null, string[]? paid = null,
        ApplicationFacts[]? apps = null, DataServiceFacts[]? services = null) => new(
        procedures ?? [], (portal ?? []).ToDictionary(p => p.Code), (paid ?? []).ToHashSet(), apps ?? [], services ?? []);

    [Fact]
    public void EligibleButNotProvidedFullOnline_AndProvidedButNotEligibleOrUnlisted_AreFindingsOfTheLeadAgency()
    {
        var state = State(
            [
                new("A", "D1", FullOnline: false, OnlinePayment: false, Vertical: false),
                new("B", "D2", FullOnline: true, OnlinePayment: false, Vertical: false),
                new("C", "D3", FullOnline: true, OnlinePayment: false, Vertical: false),
                new("V", "D4", FullOnline: false, OnlinePayment: false, Vertical: true),
                new("OK", "D5", FullOnline: true, OnlinePayment: false, Vertical: false),
            ],
            [new("A", true, false), new("B", false, false), new("V", true, false), new("OK", true, false)]);

        var findings = CatalogueEvaluator.Findings(state, 0.1);

        Assert.Equal(
            [new(Rules.ServiceFullOnlineNotEligible, "D2", "B"), new(Rules.ServiceFullOnlineNotEligible, "D3", "C"), new(Rules.ServiceNotFullOnline, "D1", "A")],
            findings.OrderBy(f => f.Rule).ThenBy(f => f.Subject));
    }

    [Fact]
    public void FullOnlineCoverage_CountsEligibleProceduresTheProvinceNeverConfigured_OnceAMonthHasPassedSinceTheirListing()
    {
        var asOf = VietnamTime.At(2025, 3, 15, 10);
        PortalProcedureFacts Listed(string code, string field, DateTimeOffset? published, bool eligible = true) =>
            new(code, eligible, false) { Field = field, Published = published };
        var state = State(
            [
                new("OWN-1", "SO-TP", FullOnline: true, false, false) { Field = "TP" },
                new("OWN-2", "SO-TP", FullOnline: false, false, false) { Field = "TP" },
                new("OWN-3", "SO-YT", FullOnline: false, false, false) { Field = "YT" },
            ],
            [
                Listed("OWN-1", "TP", VietnamTime.At(2024, 1, 1)),
                Listed("OWN-2", "TP", VietnamTime.At(2025, 2, 16)),  // listed 27 days ago: inside its grace
                Listed("OWN-3", "YT", VietnamTime.At(2025, 2, 15)),  // a month ago to the day: judged
                Listed("NEW-1", "TP", VietnamTime.At(2025, 2, 15)),  // never configured, judged: the lead of field TP
                Listed("NEW-2", "YT", VietnamTime.At(2025, 3, 1)),   // never configured, inside its grace
                Listed("NEW-3", "XD", published: null),             // no date: judged; no procedure of its field here
                Listed("NEW-4", "TP", VietnamTime.At(2024, 1, 1), eligible: false),
            ]) with { AsOf = asOf };

        Assert.Equal(
            [new(Rules.EligibleServiceNotConfigured, "SO-TP", "NEW-1"), new(Rules.EligibleServiceNotConfigured, "province", "NEW-3"),
                new(Rules.ServiceNotFullOnline, "SO-YT", "OWN-3")],
            CatalogueEvaluator.Findings(state, 0.1).OrderBy(f => f.Rule).ThenBy(f => f.Subject));

        // Counted: OWN-1 (offered), OWN-3, NEW-1, NEW-3 (not offered); OWN-2 and NEW-2 wait for their grace to end.
        var cells = CatalogueEvaluator.Snapshot(state, _ => "Department");
        Assert.Contains(new SnapshotCell("province", Kpis.FullOnlineCoverage, 1, 4), cells);
        Assert.Contains(new SnapshotCell("SO-TP", Kpis.FullOnlineCoverage, 1, 2), cells);
        Assert.Contains(new SnapshotCell("SO-YT", Kpis.FullOnlineCoverage, 0, 1), cells);
        Assert.Contains(new SnapshotCell("level:Department", Kpis.FullOnlineCoverage, 1, 3), cells);

        // A day later the grace of OWN-2 is over.
        var later = state with { AsOf = VietnamTime.At(2025, 3, 16) };
        Assert.Contains(new FindingKey(Rules.ServiceNotFullOnline, "SO-TP", "OWN-2"), CatalogueEvaluator.Findings(later, 0.1));
        Assert.Contains(new SnapshotCell("province", Kpis.FullOnlineCoverage, 1, 5), CatalogueEvaluator.Snapshot(later, _ => "Department"));
    }

    [Fact]
    public void PartialOnlineCoverage_CountsProceduresListedPartlyOnlyThatReportIt_OfferedPartlyOrFully()
    {
        var asOf = VietnamTime.At(2025, 3, 15, 10);
        PortalProcedureFacts Partly(string code, DateTimeOffset published) => new(code, false, false) { PartialEligible = true, Published = published };
        var state = State(
            [
                new("P1", "D1", FullOnline: false, false, false) { PartialOnline = true },
                new("P2", "D1", FullOnline: false, false, false) { PartialOnline = false },
                new("P3", "D1", FullOnline: true, false, false) { PartialOnline = false },  // fully online: online all the more
                new("P4", "D1", FullOnline: false, false, false),                          // not reported: not judged
                new("P5", "D1", FullOnline: false, false, false) { PartialOnline = false }, // listed a week ago: its grace runs
                new("F1", "D1", FullOnline: true, false, false) { PartialOnline = true },   // eligible fully: the other KPI
            ],
            [
                Partly("P1", VietnamTime.At(2024, 1, 1)), Partly("P2", VietnamTime.At(2024, 1, 1)), Partly("P3", VietnamTime.At(2024, 1, 1)),
                Partly("P4", VietnamTime.At(2024, 1, 1)), Partly("P5", VietnamTime.At(2025, 3, 8)),
                new("F1", true, false) { PartialEligible = true, Published = VietnamTime.At(2024, 1, 1) },
            ]) with { AsOf = asOf };

        Assert.Equal([new FindingKey(Rules.ServiceNotPartialOnline, "D1", "P2")],
            CatalogueEvaluator.Findings(state, 0.1).Where(f => f.Rule == Rules.ServiceNotPartialOnline));
        Assert.Contains(new SnapshotCell("D1", Kpis.PartialOnlineCoverage, 2, 3), CatalogueEvaluator.Snapshot(state, _ => "Department"));
    }

    [Fact]
    public void APaymentEnabledProcedureWithoutAPaymentInThePeriodIsAFinding()
    {
        var state = State([new("P", "D1", false, OnlinePayment: true, false), new("Q", "D1", false, OnlinePayment: true, false)], paid: ["Q"]);
        Assert.Equal([new FindingKey(Rules.PaymentEnabledNoTransaction, "D1", "P")], CatalogueEvaluator.Findings(state, 0.1));
    }

    [Fact]
    public void LgspRules_AppsSharingDataUnconnected_NationalServicesNotOfficial_ServicesFailingAboveTheThreshold()
    {
        var state = State(
            apps: [new("APP-1", "X", SharesData: true, Connected: false), new("APP-2", "X", SharesData: false, Connected: false), new("APP-3", "Y", true, true)],
            services:
            [
                new("NDXP.1", "O", National: true, Status: "Trial", Requests: 100, Failures: 0),
                new("NDXP.2", "O", National: true, Status: "Official", Requests: 100, Failures: 11),
                new("NDXP.3", "O", National: true, Status: "Official", Requests: 100, Failures: 10),
                new("NDXP.4", "O", National: true, Status: "Official", Requests: 0, Failures: 0),
                new("NDXP.5", "O", National: true, Status: "Official", Requests: 7, Failures: 7),
                new("LGSP.1", "O", National: false, Status: "Trial", Requests: 0, Failures: 0),
            ]);
        // Official but with no successful request in the window is not in use either.
        Assert.Equal(
            [new(Rules.AppNotConnectedToLgsp, "X", "APP-1"), new(Rules.DataServiceFailing, "O", "NDXP.2"), new(Rules.DataServiceFailing, "O", "NDXP.5"),
                new(Rules.NationalServiceNotInUse, "O", "NDXP.1"), new(Rules.NationalServiceNotInUse, "O", "NDXP.4"), new(Rules.NationalServiceNotInUse, "O", "NDXP.5")],
            CatalogueEvaluator.Findings(state, 0.1).OrderBy(f => f.Rule).ThenBy(f => f.Subject));
        Assert.Contains(new SnapshotCell("O", Kpis.NationalServicesInUse, 2, 5), CatalogueEvaluator.Snapshot(state, _ => "Department"));

        // With no monitoring synced at all, use cannot be told from traffic: the status alone decides.
        var unmonitored = state with { Services = [.. state.Services.Select(s => s with { TrafficKnown = false })] };
        Assert.Equal(["NDXP.1"], CatalogueEvaluator.Findings(unmonitored, 0.1).Where(f => f.Rule == Rules.NationalServiceNotInUse).Select(f => f.Subject));
    }

    [Fact]
    public void SnapshotKpisCountForAgencyLevelAndProvince_AndAbsentCategoriesHaveNoRow()
    {
        var state = State(
            [new("A", "D1", true, false, false), new("B", "D1", false, false, false)],
            [new("A", true, false), new("B", true, false)],
            apps: [new("APP-1", "C1", true, false), new("APP-2", "C1", true, true)]);
        var cells = CatalogueEvaluator.Snapshot(state, a => a.StartsWith('C') ? "Commune" : "Department");

        Assert.Contains(new SnapshotCell("D1", Kpis.FullOnlineCoverage, 1, 2), cells);
        Assert.Contains(new SnapshotCell("province", Kpis.FullOnlineCoverage, 1, 2), cells);
        Assert.Contains(new SnapshotCell("level:Commune", Kpis.LgspConnectionRate, 1, 2), cells);
        Assert.DoesNotContain(cells, c => c.Kpi == Kpis.NationalServicesInUse);
        Assert.DoesNotContain(cells, c => c.Kpi is Kpis.WorkflowPublicationRate or Kpis.LinkedSameLevelProcedures); // not reported
    }

    [Fact]
    public void TheProcedureSetupTargets_WorkflowsOneStopAndLinkedProcedures_WithFindingsForTheProvincesOwnProcedures()
    {
        ProcedureFacts Setup(string code, bool vertical, bool? workflows, bool? oneStop, bool? same = null, bool? cross = null) =>
            new ProcedureFacts(code, "D1", false, false, vertical) { WorkflowsPublished = workflows, OneStop = oneStop, LinkedSameLevel = same, LinkedCrossLevel = cross };
        var state = State(
        [
            Setup("A", false, workflows: true, oneStop: true, same: true, cross: true),
            Setup("B", false, workflows: false, oneStop: false, same: true, cross: false),
            Setup("C", false, workflows: null, oneStop: true, same: false),
            Setup("V1", true, workflows: false, oneStop: true),
            Setup("V2", true, workflows: true, oneStop: false),
        ]);

        Assert.Equal([new(Rules.NotAtOneStopDesk, "D1", "B"), new(Rules.WorkflowNotPublished, "D1", "B")],
            CatalogueEvaluator.Findings(state, 0.1).OrderBy(f => f.Rule));

        var cells = CatalogueEvaluator.Snapshot(state, _ => "Department");
        Assert.Contains(new SnapshotCell("D1", Kpis.WorkflowPublicationRate, 1, 2), cells); // C did not report it
        Assert.Contains(new SnapshotCell("province", Kpis.OneStopRate, 2, 3), cells);
        Assert.Contains(new SnapshotCell("province", Kpis.VerticalOneStopRate, 1, 2), cells);
        Assert.Contains(new SnapshotCell("province", Kpis.LinkedSameLevelProcedures, 2, 0), cells);
        Assert.Contains(new SnapshotCell("province", Kpis.LinkedCrossLevelProcedures, 1, 0), cells);
        Assert.DoesNotContain(cells, c => c.Kpi == Kpis.LinkedSameLevelProcedures && c.Scope != "province");

        var publisher = new KpiPublisher(new ReconciliationOptions(), _ => "Department", VietnamTime.At(2025, 3, 1));
        var linked = publisher.Publish("province", "current", Kpis.LinkedSameLevelProcedures, 2, 0);
        Assert.Equal((2.0, (long?)null, 50.0, false), (linked.Value, linked.Denominator, linked.Target, linked.Met));
    }
}

public sealed class KpiPublisherTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));

    private static KpiPublisher Publisher(params KpiTarget[] targets) =>
        new(new ReconciliationOptions { Targets = [.. targets] }, agency => agency.StartsWith('C') ? "Commune" : "Department", Now);

    [Fact]
    public void AZeroDenominatorHasNoValueAndIsNeitherMetNorMissed()
    {
        var k = Publisher().Publish("province", "2025-03", Kpis.OnTimeRate, 0, 0);
        Assert.Null(k.Value);
        Assert.Null(k.Met);
        Assert.Equal(0.98, k.Target);
    }

    [Fact]
    public void ThePlansDefaultTargetsApply_DigitisationPerLevel()
    {
        var p = Publisher();
        Assert.True(p.Publish("province", "2025", Kpis.OnTimeRate, 98, 100).Met);
        Assert.False(p.Publish("province", "2025", Kpis.OnTimeRate, 97, 100).Met);
        Assert.Equal(0.3, p.Publish("D1", "2025-03", Kpis.DigitisationRate, 1, 2).Target);
        Assert.Equal(0.15, p.Publish("C1", "2025-03", Kpis.DigitisationRate, 1, 2).Target);
        Assert.Equal(0.2, p.Publish("level:District", "2025-03", Kpis.DigitisationRate, 1, 2).Target);
        var closed = p.Publish("province", "2025-03", Kpis.ClosedBeforeResult, 2, 0);
        Assert.Null(closed.Denominator);
        Assert.Equal(2, closed.Value);
        Assert.False(closed.Met);
        Assert.True(p.Publish("province", "2025-03", Kpis.ClosedBeforeResult, 0, 0).Met);
    }

    [Fact]
    public void TargetsAreEffectiveDated_TheLatestCoveringSpanWins()
    {
        var p = Publisher(
            new KpiTarget { Kpi = Kpis.OnlineDossierRate, Target = 0.3, To = "2025-06" },
            new KpiTarget { Kpi = Kpis.OnlineDossierRate, Target = 0.4, From = "2025-07" },
            new KpiTarget { Kpi = Kpis.OnlineDossierRate, Level = "Commune", Target = 0.2, From = "2025-07" });
        Assert.Equal(0.3, p.Publish("province", "2025-06", Kpis.OnlineDossierRate, 1, 3).Target);
        Assert.Equal(0.4, p.Publish("province", "2025-07", Kpis.OnlineDossierRate, 1, 3).Target);
        Assert.Equal(0.4, p.Publish("province", "2025", Kpis.OnlineDossierRate, 1, 3).Target);
        Assert.Equal(0.2, p.Publish("C9", "2025-08", Kpis.OnlineDossierRate, 1, 3).Target);
        Assert.Equal(0.3, p.Publish("C9", "2025-05", Kpis.OnlineDossierRate, 1, 3).Target);
        Assert.Null(p.Publish("C9", "2025-05", Kpis.OnTimeRate, 1, 3).Target);
    }

    [Fact]
    public void Decision766GroupsEarnTheirPointsByProgressToTheirFullScoreThresholds_MissingKpisLeftOut()
    {
        var p = Publisher();
        KpiResult Rate(string kpi, long numerator) => p.Publish("province", "2025-03", kpi, numerator, 100);
        var kpis = new[]
        {
            Rate(Kpis.PortalSyncRate, 50), Rate(Kpis.OnTimeRate, 99), Rate(Kpis.OnlineDossierRate, 45), Rate(Kpis.OnlinePaymentRate, 60),
            Rate(Kpis.DigitisationRate, 30),
        }.ToDictionary(k => k.Kpi);
        var scores = p.Scores("province", "2025-03", kpis).ToDictionary(s => s.Kpi, s => s.Value);
        Assert.Equal(9.0, scores["score766.transparency"]);      // 18 x 50 %
        Assert.Equal(19.8, scores["score766.progress"]);         // 20 x 99 %: the apology rate has no late dossier to count
        Assert.Equal(10.8, scores["score766.online_service"]);   // 12 x 45 % of the 50 % that earns it all
        Assert.Equal(10.0, scores["score766.payment"]);          // past its 50 %; the procedures indicator has no value
        Assert.Equal(6.6, scores["score766.digitisation"]);      // 22 x 30 %: meeting the plan's 30 % is not the whole group
        Assert.Equal(56.2, scores["score766.total"]);
        Assert.False(scores.ContainsKey("score766.satisfaction"));
        Assert.Equal(100, ScoreGroup.Defaults.Sum(g => g.Points));
    }
}

public sealed class ResiliencePureTests
{
    private static readonly ResilienceOptions Options = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), MaxRetryAfter = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void BackoffDoublesWithFullJitter_UpToTheCap()
    {
        Assert.Equal(TimeSpan.Zero, RetryDelay.Compute(1, null, 0, Options));
        Assert.Equal(TimeSpan.FromMilliseconds(50), RetryDelay.Compute(1, null, 0.5, Options));
        Assert.Equal(TimeSpan.FromMilliseconds(200), RetryDelay.Compute(3, null, 0.5, Options));
        Assert.Equal(TimeSpan.FromMilliseconds(500), RetryDelay.Compute(10, null, 0.5, Options));
    }

    [Fact]
    public void RetryAfterIsHonoured_UnlessLongerThanWeAreWillingToWait()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.Compute(1, TimeSpan.FromSeconds(7), 0.9, Options));
        Assert.Null(RetryDelay.Compute(1, TimeSpan.FromMinutes(5), 0.9, Options));
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.RetryAfterOf(response, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(ResilienceRegistration.IsTransient(TooLongThrottle(), Options, DateTimeOffset.UnixEpoch));
    }

    private static HttpResponseMessage TooLongThrottle()
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));
        return response;
    }

    [Fact]
    public void ErrorsAreClassifiedForRunRecordsAndAlerts()
    {
        Assert.Equal(ErrorKind.CircuitOpen, ErrorKinds.Classify(new Polly.CircuitBreaker.BrokenCircuitException()));
        Assert.Equal(ErrorKind.Unreachable, ErrorKinds.Classify(new HttpRequestException("refused")));
        Assert.Equal(ErrorKind.Throttled, ErrorKinds.Classify(new Contracts.Motcua.MotcuaClientException("x", 429, null, new Dictionary<string, IEnumerable<string>>(), null)));
        Assert.Equal(ErrorKind.ServerError, ErrorKinds.Classify(new Contracts.Lgsp.LgspClientException("x", 503, null, new Dictionary<string, IEnumerable<string>>(), null)));
        Assert.Equal(ErrorKind.Malformed, ErrorKinds.Classify(new Contracts.Portal.PortalClientException("x", 200, null, new Dictionary<string, IEnumerable<string>>(), null)));
        Assert.Equal(ErrorKind.Unauthorized, ErrorKinds.Classify(new UpstreamException("portal", ErrorKind.Unauthorized, "no")));
    }
}

public sealed class LgspAuthenticationTests
{
    [Fact]
    public async Task TheAccessKeySchemeSendsAppNameAndKeysOnEveryCall_ReplacingStaleOnes()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new LgspOptions { AppName = "hub", AccessKey = "ak", SecretKey = "sk" });
        var authenticator = new AccessKeyAuthenticator(options);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/api/services");
        request.Headers.Add("X-Access-Key", "stale");

        await authenticator.ApplyAsync(request, CancellationToken.None);

        Assert.Equal("hub", Assert.Single(request.Headers.GetValues("X-App-Name")));
        Assert.Equal("ak", Assert.Single(request.Headers.GetValues("X-Access-Key")));
        Assert.Equal("sk", Assert.Single(request.Headers.GetValues("X-Secret-Key")));
        Assert.Null(request.Headers.Authorization);
    }
}

public sealed class BatchGuardTests
{
    private static TableTransactionAction Upsert(string partition, string row) =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(partition, row));

    [Fact]
    public void RefusesMoreThanAHundredActions_SeveralPartitions_OrOneRowTwice()
    {
        Assert.Throws<ArgumentException>(() => Batches.Guard(Enumerable.Range(0, 101).Select(i => Upsert("p", i.ToString())).ToList()));
        Assert.Throws<ArgumentException>(() => Batches.Guard([Upsert("p", "1"), Upsert("q", "2")]));
        Assert.Throws<ArgumentException>(() => Batches.Guard([Upsert("p", "1"), Upsert("p", "1")]));
        Batches.Guard(Enumerable.Range(0, 100).Select(i => Upsert("p", i.ToString())).ToList());
    }

    [Fact]
    public void SplitsIntoGuardedBatches_KeepingTheLastActionPerRow()
    {
        var actions = Enumerable.Range(0, 250).Select(i => Upsert("p" + i % 2, (i % 120).ToString())).ToList();
        var batches = Batches.Split(actions).ToList();
        Assert.All(batches, Batches.Guard);
        Assert.Equal(120, batches.Sum(b => b.Count));
    }

    [Fact]
    public void DossierPartitionsAreStableAndSpread()
    {
        Assert.Equal(DossierRows.PartitionOf("000.00.01.H10-250101-0000001"), DossierRows.PartitionOf("000.00.01.H10-250101-0000001"));
        var used = Enumerable.Range(0, 5000).Select(i => DossierRows.PartitionOf($"000.00.01.H10-250101-{i:D7}")).Distinct().Count();
        Assert.Equal(DossierRows.Buckets, used);
        Assert.Equal("T_GD123", DossierFeedRows.TxColumn("GD123"));
        Assert.NotEqual(DossierFeedRows.TxColumn("a/b"), DossierFeedRows.TxColumn("a_b"));
    }
}
