namespace IntegrationHub.Engine.Reports;

/// <summary>The scorecard written as a file: the format's name, content type, file name, and the writer.</summary>
public static class ScorecardFiles
{
    public static bool TryParse(string? text, out ScorecardFormat format)
    {
        format = text switch { "csv" => ScorecardFormat.Csv, "xlsx" => ScorecardFormat.Xlsx, _ => (ScorecardFormat)(-1) };
        return Enum.IsDefined(format);
    }

    public static string ContentType(ScorecardFormat format) => format == ScorecardFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"bang-diem-2025-09.xlsx": the name a department would put on its web page.</summary>
    public static string FileName(string period, ScorecardFormat format) => $"bang-diem-{period}.{(format == ScorecardFormat.Csv ? "csv" : "xlsx")}";

    public static void Write(Scorecard card, ScorecardFormat format, Stream output)
    {
        var tables = ScorecardTables.From(card);
        if (format == ScorecardFormat.Csv) ScorecardCsv.Write(tables, output);
        else ScorecardXlsx.Write(tables, output);
    }
}
