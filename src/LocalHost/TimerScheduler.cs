using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.LocalHost;

/// <summary>
/// Fires each timer function on its NCRONTAB schedule (UTC, the machine's clock). A timer never
/// overlaps itself: the next occurrence is computed once a run has ended, as on Azure.
/// </summary>
public sealed class TimerScheduler(IServiceProvider services, IConfiguration configuration, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionCatalog.Timers().Select(timer => RunAsync(timer, stoppingToken)));

    private async Task RunAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        var schedule = Ncrontab.Parse(FunctionCatalog.Resolve(timer.Schedule, configuration));
        var clock = TimeProvider.System;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.Next(clock.GetUtcNow());
            try
            {
                await Task.Delay(next - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stoppingToken);
                using var scope = services.CreateScope();
                var target = scope.ServiceProvider.GetRequiredService(timer.Type);
                var info = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = clock.GetUtcNow().UtcDateTime, Next = schedule.Next(next).UtcDateTime } };
                logger.LogInformation("Timer {Function} fired", timer.Name);
                if (timer.Method.Invoke(target, [info, stoppingToken]) is Task task) await task;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex, "Timer {Function} failed", timer.Name);
            }
        }
    }
}
