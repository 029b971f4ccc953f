using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Hotline95.Core.Documents;

/// <summary>A worksheet as rows of cells: numbers stay numbers (so they can be summed), everything else is text.</summary>
public sealed record SheetData(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A fraction shown as a percentage with one decimal (0.0%): the cell holds the fraction, so it can be computed with.</summary>
public readonly record struct XlsxRate(double Fraction);

/// <summary>
/// Writes XLSX with the Open XML SDK: inline strings, a bold header row, no macros. Whole numbers are formatted #,##0,
/// other numbers 0.0 and <see cref="XlsxRate"/> 0.0%; each column is as wide as its widest cell (a CJK character counts two).
/// </summary>
public static class XlsxWriter
{
    public static byte[] Write(IReadOnlyList<SheetData> sheets)
    {
        using var output = new MemoryStream();
        using (var package = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbook = package.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = DecimalFormat, FormatCode = "0.0" },
                    new NumberingFormat { NumberFormatId = RateFormat, FormatCode = "0.0%" }) { Count = 2 },
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { FontId = 1, ApplyFont = true },
                    new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = DecimalFormat, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = RateFormat, ApplyNumberFormat = true }));
            var list = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < sheet.Rows[r].Count; c++)
                    {
                        row.Append(Cell(Reference(c, r), sheet.Rows[r][c], bold: r == 0));
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(Widths(sheet), data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name.Length > 31 ? sheet.Name[..31] : sheet.Name });
            }
        }

        return output.ToArray();
    }

    private const uint DecimalFormat = 164;
    private const uint RateFormat = 165;

    private static Columns Widths(SheetData sheet)
    {
        var columns = new Columns();
        var count = sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Count);
        for (var c = 0; c < count; c++)
        {
            var widest = sheet.Rows.Where(r => c < r.Count).Select(r => Shown(r[c])).DefaultIfEmpty("").Max(t => t.Sum(ch => ch >= 0x2E80 ? 2 : 1));
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Clamp(widest + 2, 8, 60), CustomWidth = true });
        }

        return columns;
    }

    private static string Shown(object? value) => value switch
    {
        null => "",
        XlsxRate r => r.Fraction.ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture),
        int or long => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static Cell Cell(string reference, object? value, bool bold)
    {
        var cell = new Cell { CellReference = reference, StyleIndex = bold ? 1U : 0U };
        switch (value)
        {
            case null:
                break;
            case XlsxRate rate:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(rate.Fraction);
                cell.StyleIndex = 4U;
                break;
            case int or long:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                cell.StyleIndex = bold ? 1U : 2U;
                break;
            case double or decimal or float:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                cell.StyleIndex = bold ? 1U : 3U;
                break;
            default:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve });
                break;
        }

        return cell;
    }

    private static string Reference(int column, int row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + (c - 1) % 26) + name;
        }

        return $"{name}{row + 1}";
    }
}
