using System.Globalization;
using System.Text;

namespace IntegrationHub.Engine.Reports;

/// <summary>
/// The scorecard as CSV: UTF-8 with a byte-order mark (so that Excel shows Vietnamese letters), comma
/// separated and quoted as RFC 4180 says; each table a section (its title, its header, its rows, an
/// empty line). Numbers in Vietnamese form: decimal comma, no grouping ("97,5"); dates dd/MM/yyyy.
/// </summary>
public static class ScorecardCsv
{
    private static readonly NumberFormatInfo Vietnamese = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    public static void Write(IReadOnlyList<ReportTable> tables, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        foreach (var table in tables)
        {
            writer.WriteLine(Field(table.Title));
            writer.WriteLine(string.Join(',', table.Headers.Select(Field)));
            foreach (var row in table.Rows) writer.WriteLine(string.Join(',', row.Select(c => Field(Shown(c)))));
            writer.WriteLine();
        }
    }

    /// <summary>A cell as text, in Vietnamese form.</summary>
    public static string Shown(ReportCell cell) => (cell.Kind, cell.Value) switch
    {
        (_, null) => "",
        (CellKind.Percent, double rate) => Math.Round(rate * 100, 1).ToString("0.#", Vietnamese),
        (CellKind.Decimal, double value) => Math.Round(value, 1).ToString("0.#", Vietnamese),
        (CellKind.Integer, long value) => value.ToString("0", Vietnamese),
        (CellKind.Integer, int value) => value.ToString("0", Vietnamese),
        (CellKind.Date, DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        (CellKind.YesNo, bool yes) => yes ? "Có" : "Không",
        (_, var value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
