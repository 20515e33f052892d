using IntegrationHub.Contracts.Calendar;
using IntegrationHub.Engine.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Engine.Reconciliation;

/// <summary>Reads what an evaluation's context holds besides the clock: how far each feed is synced, and the procedures' processing days.</summary>
public sealed class EvaluationInputs(CheckpointStore checkpoints, CatalogueStore catalogue, IOptions<ReconciliationOptions> options)
{
    private readonly Lazy<WorkingCalendar> calendar = new(() =>
        WorkingCalendar.From(DaysOff.Shipped, options.Value.DaysOff, options.Value.WorkingDays));

    /// <summary>The shipped working calendar with the configured days added.</summary>
    public WorkingCalendar Calendar => calendar.Value;

    public async Task<SeenUntil> SeenAsync(CancellationToken cancellationToken) => new(
        (await checkpoints.GetAsync("motcua-dossiers", cancellationToken)).Watermark,
        (await checkpoints.GetAsync("portal-dossiers", cancellationToken)).Watermark,
        (await checkpoints.GetAsync("portal-payments", cancellationToken)).Watermark);

    public async Task<EvaluationContext> ContextAsync(DateTimeOffset now, SeenUntil? seen, CancellationToken cancellationToken) =>
        new(now, options.Value.Grace, options.Value.PeriodStart, seen)
        {
            Calendar = Calendar,
            ProcessingDays = await catalogue.ReadProcessingDaysAsync(cancellationToken),
        };
}
