// The load generator of eng/load: C concurrent clients GET each path for S seconds (after a short
// warm-up) and it prints requests per second, latency percentiles and errors. Run by eng/load
// (`dotnet run eng/load.cs -- BASE KEY SECONDS CONCURRENCY PATH...`); a program that prints
// measurements, not a test.
using System.Diagnostics;
using System.Globalization;
using System.Net;

if (args.Length < 5) { Console.Error.WriteLine("usage: load.cs BASE-URL API-KEY SECONDS CONCURRENCY PATH..."); return 2; }
var baseUrl = new Uri(args[0]);
var key = args[1];
var seconds = int.Parse(args[2], CultureInfo.InvariantCulture);
var concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = baseUrl,
    Timeout = TimeSpan.FromSeconds(30),
};
http.DefaultRequestHeaders.Add("X-Api-Key", key);
var failed = false;
foreach (var path in args[4..])
{
    await RunAsync(path, TimeSpan.FromSeconds(2), record: false);
    var (count, errors, latencies, elapsed) = await RunAsync(path, TimeSpan.FromSeconds(seconds), record: true);
    latencies.Sort();
    double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{path}: {count / elapsed.TotalSeconds:F0} requests/s ({count} in {elapsed.TotalSeconds:F1} s, {concurrency} clients), p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {Percentile(1.0):F1} ms, {errors} errors"));
    failed |= errors > 0;
}
return failed ? 1 : 0;

async Task<(long Count, long Errors, List<double> Latencies, TimeSpan Elapsed)> RunAsync(string path, TimeSpan duration, bool record)
{
    long count = 0, errors = 0;
    var all = new List<double>[concurrency];
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
    {
        var mine = all[w] = new List<double>(capacity: 1 << 16);
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            catch (TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
            if (record) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref count);
        }
    })).ToArray();
    await Task.WhenAll(workers);
    return (count, errors, all.SelectMany(l => l).ToList(), clock.Elapsed);
}
