using IntegrationHub.Engine.Reconciliation;

namespace IntegrationHub.Functions.Api;

/// <summary>Validates what callers send: agency codes, periods, rules, statuses.</summary>
public static class ApiInput
{
    /// <summary>"yyyy-MM", "yyyy-Qn" or "yyyy": a real month or quarter and a sensible year.</summary>
    public static bool IsPeriod(string? value) => KpiPeriods.IsPeriod(value);

    /// <summary>The first day a period covers.</summary>
    public static DateOnly FirstDayOf(string period) => KpiPeriods.FirstDay(period);

    /// <summary>The last day a period covers (the date hierarchy questions are asked about), not after today.</summary>
    public static DateOnly LastDayOf(string period, DateOnly today)
    {
        var last = KpiPeriods.LastDay(period);
        return last < today ? last : today;
    }

    public const string PeriodProblem = "period must be yyyy-MM, yyyy-Qn or yyyy";
}
