using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Hotline95.Core.Documents;

/// <summary>A worksheet as rows of cells: numbers stay numbers (so they can be summed), everything else is text.</summary>
public sealed record SheetData(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Writes XLSX with the Open XML SDK: plain cells, inline strings, a bold header row, no macros.</summary>
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
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
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

                part.Worksheet = new Worksheet(data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name.Length > 31 ? sheet.Name[..31] : sheet.Name });
            }
        }

        return output.ToArray();
    }

    private static Cell Cell(string reference, object? value, bool bold)
    {
        var cell = new Cell { CellReference = reference, StyleIndex = bold ? 1U : 0U };
        switch (value)
        {
            case null:
                break;
            case int or long or double or decimal or float:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
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
