using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IntegrationHub.Engine.Reports;

/// <summary>
/// The scorecard as an XLSX workbook (Open XML SDK): a sheet per table, its title in the first row and
/// its header in the second; numbers and dates are real numbers and dates with formats (a rate is
/// 0.975 shown as 97.5 %, in the reader's own locale: 97,5 % in Vietnamese).
/// </summary>
public static class ScorecardXlsx
{
    // Cell formats of the stylesheet below, by index.
    private const uint Plain = 0, Bold = 1, PercentFormat = 2, DecimalFormat = 3, IntegerFormat = 4, DateFormat = 5, Header = 6;

    public static void Write(IReadOnlyList<ReportTable> tables, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var table in tables)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(new Row(TextCell(table.Title, Bold)) { RowIndex = 1 });
            data.Append(new Row(table.Headers.Select(h => TextCell(h, Header))) { RowIndex = 2 });
            uint index = 3;
            foreach (var row in table.Rows) data.Append(new Row(row.Select(Cell)) { RowIndex = index++ });
            var columns = new Columns(table.Headers.Select((h, i) => new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true, Width = h.StartsWith("Tên", StringComparison.Ordinal) ? 45 : 16,
            }));
            var frozen = new SheetViews(new SheetView(new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 });
            part.Worksheet = new Worksheet(frozen, columns, data);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = table.Name });
        }
        workbook.Workbook.Save();
    }

    private static Cell Cell(ReportCell cell) => (cell.Kind, cell.Value) switch
    {
        (_, null) => new Cell(),
        (CellKind.Percent, double rate) => Number(rate, PercentFormat),
        (CellKind.Decimal, double value) => Number(Math.Round(value, 3), DecimalFormat),
        (CellKind.Integer, long value) => Number(value, IntegerFormat),
        (CellKind.Integer, int value) => Number(value, IntegerFormat),
        (CellKind.Date, DateOnly day) => Number(day.ToDateTime(TimeOnly.MinValue).ToOADate(), DateFormat),
        (CellKind.YesNo, bool yes) => TextCell(yes ? "Có" : "Không", Plain),
        (_, var value) => TextCell(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", Plain),
    };

    private static Cell Number(double value, uint style) => new(new CellValue(value)) { DataType = CellValues.Number, StyleIndex = style };

    private static Cell TextCell(string text, uint style) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "dd/mm/yyyy" }) { Count = 3 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 1, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, ApplyFont = true, ApplyAlignment = true }) { Count = 7 });
}
