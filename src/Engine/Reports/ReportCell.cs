namespace IntegrationHub.Engine.Reports;

/// <summary>
/// One cell of a report table: its value (string, double, long, DateOnly or bool; null for none) and
/// how it is shown (<see cref="CellKind"/>). A percent cell holds the rate (0.975 is 97,5 %).
/// </summary>
public sealed record ReportCell(object? Value, CellKind Kind)
{
    public static ReportCell Text(string? value) => new(value, CellKind.Text);
    public static ReportCell Percent(double? rate) => new(rate, CellKind.Percent);
    public static ReportCell Decimal(double? value) => new(value, CellKind.Decimal);
    public static ReportCell Integer(long? value) => new(value, CellKind.Integer);
    public static ReportCell Date(DateTimeOffset? instant) => new(instant is { } at ? VietnamTime.Date(at) : null, CellKind.Date);
    public static ReportCell YesNo(bool value) => new(value, CellKind.YesNo);
}
