namespace IntegrationHub.Simulators.Data;

/// <summary>
/// LGSP operational monitoring, X-Road style: hourly buckets per (service, consumer), each a pure
/// function of the seed. A planted failing service fails at least 20% of every hour; a healthy
/// one at most 2%, so any window tells them apart. A national service planted as not in use has no
/// traffic at all, whatever its status.
/// </summary>
public sealed class Monitoring(SimulatorOptions options)
{
    public const double HealthyFailureCeiling = 0.02;
    public const double FailingFailureFloor = 0.2;

    public MonitoringTotals Sum(DataServiceInfo service, int consumerIndex, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var firstHour = (long)Math.Ceiling((from - options.DataStart).TotalHours);
        if (firstHour < 0) firstHour = 0;
        long requests = 0, failures = 0;
        double durationSum = 0;
        DateTimeOffset? lastSuccess = null, lastFailure = null;
        for (var hour = firstHour; ; hour++)
        {
            var start = options.DataStart.AddHours(hour);
            if (start >= to || start.AddHours(1) > now) break; // only completed hours inside the window
            var r = new Rng(options.Seed, Streams.Monitoring, ((long)service.Ordinal * 16 + consumerIndex) * 10_000_000 + hour);
            var failing = service.Plant == Rules.DataServiceFailing;
            var idle = service.Status == "Retired" || service.Plant == Rules.NationalServiceNotInUse;
            long n = idle ? 0 : failing ? r.Next(5, 40) : r.Next(0, 40);
            long f = failing
                ? (long)Math.Ceiling(n * (FailingFailureFloor + 0.4 * r.NextDouble()))
                : (long)Math.Floor(n * HealthyFailureCeiling * r.NextDouble());
            var meanMs = failing ? 1500 + 3000 * r.NextDouble() : 80 + 800 * r.NextDouble();
            requests += n;
            failures += f;
            durationSum += meanMs * n;
            if (n - f > 0) lastSuccess = start.AddSeconds(r.Next(1800, 3600));
            if (f > 0) lastFailure = start.AddSeconds(r.Next(0, 3600));
        }
        return new MonitoringTotals(service, service.Consumers[consumerIndex], from, to, requests, requests - failures, failures,
            requests == 0 ? 0 : Math.Round(durationSum / requests, 1), lastSuccess, lastFailure);
    }
}
