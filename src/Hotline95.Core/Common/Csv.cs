using System.Text;

namespace Hotline95.Core.Common;

/// <summary>CSV for people who open it in Excel: a UTF-8 BOM (or Chinese shows garbled), every field quoted, formulas neutralised.</summary>
public static class Csv
{
    public static StringBuilder Start() => new("\uFEFF");

    public static StringBuilder AppendRow(this StringBuilder csv, IEnumerable<string> fields) =>
        csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");

    public static byte[] Write(string[] header, IEnumerable<string[]> rows)
    {
        var csv = Start().AppendRow(header);
        foreach (var row in rows)
        {
            csv.AppendRow(row);
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A field starting with =, +, - or @ would run as a formula in a spreadsheet: it gets a leading apostrophe.</summary>
    public static string Quote(string value) =>
        "\"" + (value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
