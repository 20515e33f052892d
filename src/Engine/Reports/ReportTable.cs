namespace IntegrationHub.Engine.Reports;

/// <summary>A titled table of a report (a sheet of the XLSX, a section of the CSV).</summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);
