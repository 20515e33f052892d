using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Api.Tests.Client;
using IntegrationHub.Engine.Security;
using IntegrationHub.Engine.Storage;
using IntegrationHub.LocalHost;

namespace IntegrationHub.Api.Tests;

public sealed class ApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiHarness Hub => fixture.Hub;

    // The simulated province: a district and one of its communes (both until 30 June 2025), a department after it.
    private const string District = "000.00.31.H10";
    private const string CommuneOfDistrict = "000.01.31.H10";
    private const string MergedCommune = "000.01.00.H38";
    private const string Department = "000.00.01.H38";

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:integration-hub:problem:" + type, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public sealed class Authentication(ApiFixture fixture) : IClassFixture<ApiFixture>
    {
        [Theory]
        [InlineData(null)]
        [InlineData("not-a-key")]
        [InlineData("hub_0123456789ab_forged")]
        public async Task AMissingOrUnknownKeyGets401(string? key)
        {
            using var response = await fixture.Hub.Client(key).GetAsync($"agencies/{Department}/status");
            var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
            Assert.DoesNotContain("hub_", problem.GetRawText());
        }

        [Fact]
        public async Task ARevokedKeyIsRefusedAtOnce()
        {
            var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            using (var before = await fixture.Hub.Client(key).GetAsync($"agencies/{Department}/status")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

            var id = key.Split('_')[1];
            Assert.True(await fixture.Hub.Keys.RevokeAsync(id, CancellationToken.None));

            using var after = await fixture.Hub.Client(key).GetAsync($"agencies/{Department}/status");
            await ProblemAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
        }

        [Fact]
        public async Task EveryIssuedKeyAuthenticates_WhateverCharactersItsSecretHolds()
        {
            for (var i = 0; i < 40; i++)
            {
                var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
                var principal = await fixture.Hub.Keys.AuthenticateAsync(key, CancellationToken.None);
                Assert.Equal(Department, principal?.Agency);
                Assert.Null(await fixture.Hub.Keys.AuthenticateAsync(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), CancellationToken.None));
            }
        }

        [Fact]
        public async Task KeysAreStoredOnlyAsHashes()
        {
            var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var stored = (await fixture.Hub.Keys.ListAsync(CancellationToken.None)).Single(k => k.Id == key.Split('_')[1]);
            // hub_{id}_{secret}: the secret is base64url and may hold '_' itself.
            var secret = key.Split('_', 3)[2];
            Assert.True(secret.Length >= 40, secret);
            Assert.DoesNotContain(secret, JsonSerializer.Serialize(stored));
            Assert.Equal(64, stored.Hash.Length);
        }
    }

    public sealed class Authorisation(ApiFixture fixture) : IClassFixture<ApiFixture>
    {
        [Fact]
        public async Task AnAgencyCannotReadAnotherAgency_InEitherDirection()
        {
            var department = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var commune = await fixture.Hub.KeyAsync(ApiRole.Agency, MergedCommune);
            using (var r = await fixture.Hub.Client(department).GetAsync($"agencies/{MergedCommune}/findings")) await ProblemAsync(r, HttpStatusCode.Forbidden, "forbidden");
            using (var r = await fixture.Hub.Client(commune).GetAsync($"agencies/{Department}/kpis?period=2025")) await ProblemAsync(r, HttpStatusCode.Forbidden, "forbidden");
            using (var r = await fixture.Hub.Client(commune).GetAsync($"agencies/{MergedCommune}/findings")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        [Fact]
        public async Task ADistrictReadsItsCommunesOnlyWhileTheyWereBelowIt_AcrossThe2025Reorganisation()
        {
            var district = await fixture.Hub.KeyAsync(ApiRole.Agency, District);
            var client = fixture.Hub.Client(district);
            using (var r = await client.GetAsync($"agencies/{CommuneOfDistrict}/kpis?period=2025-05")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            using (var r = await client.GetAsync($"agencies/{CommuneOfDistrict}/kpis?period=2025-08")) await ProblemAsync(r, HttpStatusCode.Forbidden, "forbidden");
            using (var r = await client.GetAsync($"agencies/{District}/kpis?period=2025-03")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            // Upwards is never allowed.
            var commune = await fixture.Hub.KeyAsync(ApiRole.Agency, CommuneOfDistrict);
            using (var r = await fixture.Hub.Client(commune).GetAsync($"agencies/{District}/kpis?period=2025-05")) await ProblemAsync(r, HttpStatusCode.Forbidden, "forbidden");
        }

        [Fact]
        public async Task AdminOperationsNeedAnAdminKey()
        {
            var agency = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var client = fixture.Hub.Client(agency);
            using (var r = await client.GetAsync("kpis")) await ProblemAsync(r, HttpStatusCode.Forbidden, "admin-only");
            using (var r = await client.GetAsync("findings")) await ProblemAsync(r, HttpStatusCode.Forbidden, "admin-only");
            using (var r = await client.PostAsync("sync/all", null)) await ProblemAsync(r, HttpStatusCode.Forbidden, "admin-only");
            using (var r = await client.GetAsync("sync/runs")) await ProblemAsync(r, HttpStatusCode.Forbidden, "admin-only");
            using (var r = await client.GetAsync("quarantine")) await ProblemAsync(r, HttpStatusCode.Forbidden, "admin-only");
            using (var r = await client.PostAsync("quarantine/motcua-dossiers/0000000000000000000-abcdef12%7C000001/retry", null)) await ProblemAsync(r, HttpStatusCode.Forbidden, "admin-only");
        }
    }

    public sealed class BadInput(ApiFixture fixture) : IClassFixture<ApiFixture>
    {
        [Theory]
        [InlineData("agencies/not-a-code/status", "invalid-agency-code")]
        [InlineData("agencies/000.00.01.H38/kpis?period=2025-13", "invalid-period")]
        [InlineData("agencies/000.00.01.H38/kpis?period=last-year", "invalid-period")]
        [InlineData("agencies/000.00.01.H38/kpis?period=2025-Q5", "invalid-period")]
        [InlineData("agencies/000.00.01.H38/due?days=0", "invalid-days")]
        [InlineData("agencies/000.00.01.H38/due?days=week", "invalid-days")]
        [InlineData("agencies/000.00.01.H38/findings?rule=NOT_A_RULE", "invalid-rule")]
        [InlineData("agencies/000.00.01.H38/findings?status=closed", "invalid-status")]
        [InlineData("agencies/000.00.01.H38/findings?continuation=bm90LWEtdG9rZW4", "invalid-continuation")]
        [InlineData("findings?pageSize=0", "invalid-page-size")]
        [InlineData("kpis?scope=everyone", "invalid-scope")]
        [InlineData("sync/runs/not-a-run-id", "invalid-run-id")]
        [InlineData("quarantine?stream=../tables", "invalid-stream")]
        [InlineData("quarantine?status=Lost", "invalid-status")]
        [InlineData("quarantine?run=x'%20or%20''eq'", "invalid-run-id")]
        [InlineData("quarantine/motcua-dossiers/not-an-id", "invalid-quarantine-id")]
        public async Task IsRefusedWith400AndAStableType(string path, string type)
        {
            using var response = await fixture.Hub.Client(fixture.Hub.AdminKey).GetAsync(path);
            await ProblemAsync(response, HttpStatusCode.BadRequest, type);
        }

        [Fact]
        public async Task AContinuationFromAnotherQueryIsRefused()
        {
            var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
            var first = await admin.GetFromJsonAsync<JsonElement>("findings?status=all&pageSize=3");
            var token = first.GetProperty("continuation").GetString();
            using var response = await admin.GetAsync($"findings?status=open&pageSize=3&continuation={token}");
            await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-continuation");
        }

        [Fact]
        public async Task AContinuationResealedByHandForAnotherQueryIsRefused()
        {
            // The old, unkeyed seal: anyone could wrap a storage token of one query for another.
            var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
            var first = await admin.GetFromJsonAsync<JsonElement>("findings?status=all&pageSize=3");
            var sealedToken = first.GetProperty("continuation").GetString()!;
            var upstream = Open(sealedToken)[0];
            var agency = (await admin.GetFromJsonAsync<JsonElement>("findings?status=open&pageSize=1")).GetProperty("items")[0].GetProperty("agency").GetString()!;
            var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{agency}||open")), 0, 8);
            foreach (var forged in new[] { Wrap([digest, upstream]), Wrap([upstream, Open(sealedToken)[1]]) , Wrap([upstream + "x", Open(sealedToken)[1]]) })
            {
                using var response = await admin.GetAsync($"findings?agency={agency}&pageSize=3&continuation={forged}");
                await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-continuation");
            }
            // The genuine token still pages its own query.
            using var genuine = await admin.GetAsync($"findings?status=all&pageSize=3&continuation={sealedToken}");
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);

            static string[] Open(string token)
            {
                var padded = token.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                return JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(padded))!;
            }
            static string Wrap(string[] parts) =>
                Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(parts)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        [Theory]
        [InlineData("nowhere", null, "invalid-source")]
        [InlineData("portal", "{\"from\":\"2025-03-01T00:00:00+07:00\"}", "invalid-window")]
        [InlineData("portal", "{\"from\":\"2025-03-01T00:00:00+07:00\",\"to\":\"2025-02-01T00:00:00+07:00\"}", "invalid-window")]
        [InlineData("portal", "{not json", "invalid-window")]
        [InlineData("portal", "{\"from\":\"0001-01-01T00:00:00+00:00\",\"to\":\"9999-12-31T00:00:00+00:00\"}", "invalid-window")]
        [InlineData("motcua", "{\"from\":\"2020-01-01T00:00:00+07:00\",\"to\":\"2020-02-01T00:00:00+07:00\"}", "invalid-window")]
        public async Task ABadSyncRequestIsRefused(string source, string? body, string type)
        {
            using var content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await fixture.Hub.Client(fixture.Hub.AdminKey).PostAsync($"sync/{source}", content);
            await ProblemAsync(response, HttpStatusCode.BadRequest, type);
        }

        [Fact]
        public async Task AnUnknownAgencyIs404ForAdmins()
        {
            using var response = await fixture.Hub.Client(fixture.Hub.AdminKey).GetAsync("agencies/000.99.99.H99/status");
            await ProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }
    }

    public sealed class Reading(ApiFixture fixture) : IClassFixture<ApiFixture>
    {
        [Fact]
        public async Task StatusShowsEachSourceApplicationsServicesAndOpenFindings_AndHonoursIfNoneMatch()
        {
            var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var client = fixture.Hub.Client(key);
            using var response = await client.GetAsync($"agencies/{Department}/status");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = await response.Content.ReadFromJsonAsync<JsonElement>();
            var sources = status.GetProperty("sources").EnumerateArray().ToList();
            Assert.Equal(["lgsp", "motcua", "portal"], sources.Select(s => s.GetProperty("source").GetString()).Order());
            Assert.All(sources, s => Assert.Equal("Healthy", s.GetProperty("state").GetString()));
            Assert.NotEmpty(status.GetProperty("applications").EnumerateArray());

            var findings = await OpenFindingsOfAsync(fixture.Hub, Department);
            var byRule = status.GetProperty("openFindings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(findings.GroupBy(f => f.Rule).ToDictionary(g => g.Key, g => g.Count()), byRule);

            using var again = new HttpRequestMessage(HttpMethod.Get, $"agencies/{Department}/status");
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        [Fact]
        public async Task ContinuationPagingReturnsEveryFindingExactlyOnce()
        {
            var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
            var seen = new List<string>();
            string? continuation = null;
            var pages = 0;
            do
            {
                var page = await admin.GetFromJsonAsync<JsonElement>("findings?status=all&pageSize=17" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(f => $"{f.GetProperty("rule")} {f.GetProperty("agency")} {f.GetProperty("subject")}"));
                continuation = page.GetProperty("continuation").GetString();
                pages++;
            }
            while (continuation is not null && pages < 1000);

            var all = new List<string>();
            await foreach (var f in fixture.Hub.Storage.Table(HubStorage.Findings).QueryAsync<FindingEntity>()) all.Add($"{f.Rule} {f.Agency} {f.Subject}");
            Assert.True(pages > 3, $"{pages} pages");
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(all.Order(), seen.Order());
        }

        [Fact]
        public async Task AgencyFindingsAreThatAgencysOnly_FilteredByRule()
        {
            var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var all = await OpenFindingsOfAsync(fixture.Hub, Department);
            var rule = all.GroupBy(f => f.Rule).OrderByDescending(g => g.Count()).First().Key;
            var page = await fixture.Hub.Client(key).GetFromJsonAsync<JsonElement>($"agencies/{Department}/findings?rule={rule}&pageSize=1000");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.All(items, f => Assert.Equal(Department, f.GetProperty("agency").GetString()));
            Assert.Equal(all.Count(f => f.Rule == rule), items.Count);
        }

        [Fact]
        public async Task KpisComeWithTargetsAndMetOrNot_ForTheAgencyAndForTheProvince()
        {
            var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var kpis = await fixture.Hub.Client(key).GetFromJsonAsync<JsonElement>($"agencies/{Department}/kpis?period=2025");
            var onTime = kpis.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == Kpis.OnTimeRate);
            Assert.Equal(0.98, onTime.GetProperty("target").GetDouble());
            Assert.Equal(onTime.GetProperty("value").GetDouble() >= 0.98, onTime.GetProperty("met").GetBoolean());
            Assert.Contains(kpis.GetProperty("snapshot").EnumerateArray(), k => k.GetProperty("kpi").GetString() == Kpis.FullOnlineCoverage);

            var province = await fixture.Hub.Client(fixture.Hub.AdminKey).GetFromJsonAsync<JsonElement>("kpis?scope=province&period=2025-07");
            Assert.Contains(province.GetProperty("kpis").EnumerateArray(), k => k.GetProperty("kpi").GetString() == "score766.total");
        }

        [Fact]
        public async Task TheWeeklyDueReviewListsTheAgencysOpenDossiersOverdueAndDueSoon_ToItsOwnKeyOnly()
        {
            var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var review = await fixture.Hub.Client(key).GetFromJsonAsync<JsonElement>($"agencies/{Department}/due?days=14");
            Assert.Equal(14, review.GetProperty("days").GetInt32());
            var asOf = review.GetProperty("asOf").GetDateTimeOffset();
            var overdue = review.GetProperty("overdue").EnumerateArray().ToList();
            var soon = review.GetProperty("dueSoon").EnumerateArray().ToList();
            Assert.True(review.GetProperty("open").GetInt32() >= overdue.Count + soon.Count);
            Assert.All(overdue.Concat(soon), d => Assert.Equal(Department, d.GetProperty("agency").GetString()));
            Assert.All(soon, d => Assert.InRange(d.GetProperty("due").GetDateTimeOffset(), asOf, asOf.AddDays(14)));
            Assert.All(overdue.Where(d => !d.GetProperty("waiting").GetBoolean()), d => Assert.True(d.GetProperty("due").GetDateTimeOffset() < asOf));

            var other = await fixture.Hub.KeyAsync(ApiRole.Agency, "000.00.02.H38");
            using var refused = await fixture.Hub.Client(other).GetAsync($"agencies/{Department}/due");
            await ProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        }

        [Fact]
        public async Task AQuartersKpisSumItsThreeMonths_AndCarryTheTargetOfItsLastMonth()
        {
            var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
            async Task<JsonElement> OnTimeAsync(string period) =>
                (await admin.GetFromJsonAsync<JsonElement>($"kpis?scope=province&period={period}")).GetProperty("kpis").EnumerateArray()
                    .Single(k => k.GetProperty("kpi").GetString() == Kpis.OnTimeRate);
            var months = new[] { await OnTimeAsync("2025-07"), await OnTimeAsync("2025-08"), await OnTimeAsync("2025-09") };
            var quarter = await OnTimeAsync("2025-Q3");
            Assert.Equal(months.Sum(m => m.GetProperty("numerator").GetInt64()), quarter.GetProperty("numerator").GetInt64());
            Assert.Equal(months.Sum(m => m.GetProperty("denominator").GetInt64()), quarter.GetProperty("denominator").GetInt64());
            Assert.Equal(0.98, quarter.GetProperty("target").GetDouble());
            var list = await admin.GetFromJsonAsync<JsonElement>("agencies");
            Assert.Contains(list.GetProperty("periods").EnumerateArray(), p => p.GetString() == "2025-Q3");
        }

        [Fact]
        public async Task ServicesListTheAgencysProceduresWithTheirShares()
        {
            var key = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var services = await fixture.Hub.Client(key).GetFromJsonAsync<JsonElement>($"agencies/{Department}/services?period=2025-10");
            var rows = services.GetProperty("procedures").EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            var busy = rows.Where(r => r.GetProperty("dossiers").GetInt64() > 0).ToList();
            Assert.NotEmpty(busy);
            Assert.All(busy, r => Assert.InRange(r.GetProperty("onlineShare").GetDouble(), 0, 1));
        }

        [Fact]
        public async Task HealthAndTheOpenApiDocumentNeedNoKey()
        {
            var anonymous = fixture.Hub.Client(null);
            var health = await anonymous.GetFromJsonAsync<JsonElement>("health");
            Assert.Equal("Healthy", health.GetProperty("status").GetString());
            var document = await anonymous.GetFromJsonAsync<JsonElement>("openapi.json");
            Assert.Equal("3.0.3", document.GetProperty("openapi").GetString());
        }
    }

    public sealed class Syncing(ApiFixture fixture) : IClassFixture<ApiFixture>
    {
        [Fact]
        public async Task TwoRequestsForOneSourceAtOnce_ExactlyOneIsAccepted()
        {
            var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
            await fixture.Hub.Sim.SetFaultsAsync(new { portal = new { latencyMs = 300 } });
            try
            {
                using var start = new Barrier(2);
                var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
                {
                    start.SignalAndWait();
                    using var response = await admin.PostAsync("sync/portal", null);
                    return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
                })));
                Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
                var accepted = answers.Single(a => a.StatusCode == HttpStatusCode.Accepted).Body.GetProperty("runId").GetString()!;
                var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Body;
                Assert.Equal("urn:integration-hub:problem:sync-in-progress", refused.GetProperty("type").GetString());
                Assert.Contains(accepted, refused.GetProperty("title").GetString());
                JsonElement run;
                var waited = 0;
                do
                {
                    await Task.Delay(500);
                    run = await admin.GetFromJsonAsync<JsonElement>($"sync/runs/{accepted}");
                }
                while (run.GetProperty("status").GetString() is "Queued" or "Running" && ++waited < 120);
                Assert.Equal("Succeeded", run.GetProperty("status").GetString());
            }
            finally
            {
                await fixture.Hub.Sim.SetFaultsAsync(new { portal = new { } });
                await WaitForIdleAsync(fixture.Hub);
            }
        }

        [Fact]
        public async Task AManualSyncAnswers202WithARunId_409WhileItRuns_AndTheRunCanBeRead()
        {
            var admin = fixture.Hub.Client(fixture.Hub.AdminKey);
            await fixture.Hub.Sim.SetFaultsAsync(new { lgsp = new { latencyMs = 1500 } });
            try
            {
                using var started = await admin.PostAsync("sync/lgsp", null);
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                var body = await started.Content.ReadFromJsonAsync<JsonElement>();
                var runId = body.GetProperty("runId").GetString()!;
                Assert.EndsWith(runId, started.Headers.Location!.ToString());

                using (var busy = await admin.PostAsync("sync/lgsp", null)) await ProblemAsync(busy, HttpStatusCode.Conflict, "sync-in-progress");
                using (var busyAll = await admin.PostAsync("sync/all", null)) await ProblemAsync(busyAll, HttpStatusCode.Conflict, "sync-in-progress");

                JsonElement run;
                var waited = 0;
                do
                {
                    await Task.Delay(500);
                    run = await admin.GetFromJsonAsync<JsonElement>($"sync/runs/{runId}");
                }
                while (run.GetProperty("status").GetString() is "Queued" or "Running" && ++waited < 60);
                Assert.Equal("Succeeded", run.GetProperty("status").GetString());
                // Run by this process's local host, through the run queue.
                Assert.EndsWith(":" + Environment.ProcessId, run.GetProperty("worker").GetString());
                var runs = await admin.GetFromJsonAsync<JsonElement>("sync/runs?source=lgsp");
                Assert.Contains(runs.GetProperty("runs").EnumerateArray(), r => r.GetProperty("runId").GetString() == runId);
                using var missing = await admin.GetAsync("sync/runs/0000000000000000000-abcdef12");
                await ProblemAsync(missing, HttpStatusCode.NotFound, "not-found");
                using var noRecord = await admin.GetAsync("quarantine/motcua-dossiers/0000000000000000000-abcdef12%7C000001");
                await ProblemAsync(noRecord, HttpStatusCode.NotFound, "not-found");
                var quarantined = await admin.GetFromJsonAsync<JsonElement>("quarantine?stream=lgsp-applications");
                Assert.Equal(0, quarantined.GetProperty("records").GetArrayLength());
            }
            finally
            {
                await fixture.Hub.Sim.SetFaultsAsync(new { lgsp = new { } });
                await WaitForIdleAsync(fixture.Hub);
            }
        }
    }

    public sealed class TheOpenApiDocument(ApiFixture fixture) : IClassFixture<ApiFixture>
    {
        [Fact]
        public async Task AClientGeneratedFromItCallsEveryOperation()
        {
            var admin = new HubClient(fixture.Hub.Client(fixture.Hub.AdminKey));
            var agencyKey = await fixture.Hub.KeyAsync(ApiRole.Agency, Department);
            var agency = new HubClient(fixture.Hub.Client(agencyKey));

            Assert.Equal("Healthy", (await agency.HealthAsync()).Status);
            var status = await agency.AgencyStatusAsync(Department);
            Assert.Equal(3, status.Sources.Count);
            var findings = await agency.AgencyFindingsAsync(Department, pageSize: 5);
            Assert.All(findings.Items, f => Assert.Equal(Department, f.Agency));
            Assert.NotEmpty((await agency.AgencyKpisAsync(Department, "2025")).Kpis);
            Assert.NotEmpty((await agency.AgencyServicesAsync(Department, "2025")).Procedures);
            Assert.NotEmpty((await admin.AdminKpisAsync("province", "2025")).Kpis);
            Assert.NotEmpty((await admin.AdminFindingsAsync(status: Status2.All, pageSize: 10)).Items);
            var started = await admin.StartSyncAsync(Source.Motcua);
            Assert.NotEmpty(started.RunId);
            Assert.Contains((await admin.SyncRunsAsync()).Runs, r => r.RunId == started.RunId);
            Assert.Equal(started.RunId, (await admin.SyncRunAsync(started.RunId)).RunId);
            Assert.NotNull(await agency.OpenApiDocumentAsync());
            Assert.NotNull((await admin.QuarantineListAsync("motcua-dossiers", null, null, 10)).Records);
            var noSuchRecord = "0000000000000000000-abcdef12|000001";
            Assert.Equal(404, (await Assert.ThrowsAsync<HubApiException<Problem>>(() => admin.QuarantineShowAsync("motcua-dossiers", noSuchRecord))).StatusCode);
            Assert.Equal(404, (await Assert.ThrowsAsync<HubApiException<Problem>>(() => admin.QuarantineRetryAsync("motcua-dossiers", noSuchRecord))).StatusCode);

            var denied = await Assert.ThrowsAsync<HubApiException<Problem>>(() => agency.AgencyStatusAsync(MergedCommune));
            Assert.Equal(403, denied.StatusCode);
            Assert.Equal("urn:integration-hub:problem:forbidden", denied.Result.Type);
            await WaitForIdleAsync(fixture.Hub);
        }

        [Fact]
        public void EveryHttpFunctionIsInTheDocument()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "src", "Functions", "OpenApi", "hub.json")));
            var paths = document.RootElement.GetProperty("paths");
            // The dashboard's files are served by the app but are no part of the API.
            var api = FunctionCatalog.Http().Where(f => f.Type != typeof(Functions.Dashboard.DashboardFunction)).ToList();
            Assert.Equal(FunctionCatalog.Http().Count - 1, api.Count);
            foreach (var function in api)
            {
                Assert.True(paths.TryGetProperty("/" + function.Route, out var path), $"{function.Name} (/{function.Route}) is not in hub.json");
                Assert.All(function.Methods, m => Assert.True(path.TryGetProperty(m.ToLowerInvariant(), out _), $"{function.Name}: {m} /{function.Route} is not in hub.json"));
            }
            Assert.Equal(api.Count, paths.EnumerateObject().Sum(p => p.Value.EnumerateObject().Count()));
        }
    }

    internal static async Task<List<FindingEntity>> OpenFindingsOfAsync(ApiHarness hub, string agency)
    {
        var list = new List<FindingEntity>();
        await foreach (var f in hub.Storage.Table(HubStorage.Findings).QueryAsync<FindingEntity>(f => f.PartitionKey == agency && f.Status == FindingEntity.Open)) list.Add(f);
        return list;
    }

    /// <summary>Background syncs started by a test must end before the fixture deletes the tables.</summary>
    internal static async Task WaitForIdleAsync(ApiHarness hub)
    {
        var leases = hub.App.Services.GetService(typeof(LeaseStore)) as LeaseStore;
        var slots = (RunSlotStore)hub.App.Services.GetService(typeof(RunSlotStore))!;
        for (var i = 0; i < 120 && leases is not null; i++)
        {
            var busy = false;
            foreach (var name in new[] { "sync-motcua", "sync-portal", "sync-lgsp", "reconcile" }) busy |= await leases.HolderAsync(name, CancellationToken.None) is not null;
            foreach (var name in new[] { "motcua", "portal", "lgsp", "reconcile" }) busy |= await slots.GetAsync(name, CancellationToken.None) is not null;
            if (!busy) return;
            await Task.Delay(500);
        }
    }
}
