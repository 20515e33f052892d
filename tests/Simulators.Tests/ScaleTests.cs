using System.Text.Json;
using Xunit.Abstractions;

namespace IntegrationHub.Simulators.Tests;

public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AMillionDossiersAreServedPageByPageWithFlatMemory()
    {
        using var sim = await SimulatorProcess.StartAsync("--seed", "5", "--dossiers", "1000000");
        string? cursor = null;
        long count = 0, pages = 0, baseline = 0, peak = 0;
        var codes = new HashSet<long>();
        var started = DateTime.UtcNow;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                "motcua/api/v1/dossiers?limit=5000" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            request.Headers.Add("X-API-Key", SimulatorServer.MotcuaKey);
            using var response = await sim.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(body);
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                var code = item.GetProperty("code").GetString()!;
                Assert.True(codes.Add(long.Parse(code[(code.LastIndexOf('-') + 1)..])), $"{code} served twice");
                count++;
            }
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
            pages++;
            var resident = sim.ResidentBytes;
            if (pages == 20) baseline = resident;
            if (pages >= 20) peak = Math.Max(peak, resident);
        }
        while (cursor is not null);

        output.WriteLine($"{count} dossiers in {pages} pages, {(DateTime.UtcNow - started).TotalSeconds:F1} s; " +
            $"simulator resident memory after 20 pages {baseline / 1048576} MiB, peak after {peak / 1048576} MiB");
        Assert.Equal(1_000_000, count);
        // Holding the dossiers would take ~700 MB; a streaming server stays within one page's garbage of its baseline.
        Assert.True(peak - baseline < 96L * 1024 * 1024, $"memory grew from {baseline / 1048576} to {peak / 1048576} MiB");
    }
}
