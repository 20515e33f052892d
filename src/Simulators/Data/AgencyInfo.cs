namespace IntegrationHub.Simulators.Data;

/// <summary>An agency with effective dates (Vietnam calendar, inclusive) and the unit that took over its work.</summary>
public sealed record AgencyInfo(
    string Code, string Name, Level Level, string? ParentCode, DateOnly ValidFrom, DateOnly? ValidTo, string? SuccessorCode)
{
    public bool ValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}
