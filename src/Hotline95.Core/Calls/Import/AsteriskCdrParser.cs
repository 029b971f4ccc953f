using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// Asterisk cdr_csv (../shared/docs/cdr-formats.md §1): 16 base columns, then uniqueid, userfield and
/// (peeraccount, linkedid, sequence) each present or not by configuration. 16, 18, 19 and 21 columns are
/// unambiguous; 17 and 20 are not, and need --asterisk-columns.
/// </summary>
public sealed class AsteriskCdrParser : ICdrParser
{
    public IEnumerable<CdrRow> Parse(Stream stream, CdrParseContext context)
    {
        using var reader = new StreamReader(stream, context.Encoding);
        int? width = null;
        var columns = AsteriskColumns.None;
        foreach (var record in new CsvRecordReader(reader).Read())
        {
            if (width is null)
            {
                columns = context.AsteriskColumns ?? Infer(record.Fields.Count);
                width = Width(columns);
            }

            yield return Map(record, columns, width.Value, context);
        }
    }

    public static int Width(AsteriskColumns c) =>
        16 + (c.HasFlag(AsteriskColumns.UniqueId) ? 1 : 0) + (c.HasFlag(AsteriskColumns.UserField) ? 1 : 0) + (c.HasFlag(AsteriskColumns.NewCdrColumns) ? 3 : 0);

    private static AsteriskColumns Infer(int count) => count switch
    {
        16 => AsteriskColumns.None,
        18 => AsteriskColumns.UniqueId | AsteriskColumns.UserField,
        19 => AsteriskColumns.NewCdrColumns,
        21 => AsteriskColumns.UniqueId | AsteriskColumns.UserField | AsteriskColumns.NewCdrColumns,
        17 => throw new CdrFormatException(
            "the rows have 17 columns, which is either loguniqueid=yes or loguserfield=yes in cdr.conf: give --asterisk-columns uniqueid or --asterisk-columns userfield"),
        20 => throw new CdrFormatException(
            "the rows have 20 columns, which is newcdrcolumns=yes with either loguniqueid or loguserfield: give --asterisk-columns uniqueid,newcdrcolumns or --asterisk-columns userfield,newcdrcolumns"),
        _ => throw new CdrFormatException($"the rows have {count} columns; Asterisk cdr_csv writes 16 to 21 — is this the right --format?"),
    };

    private static CdrRow Map(CsvRecordReader.Record record, AsteriskColumns columns, int width, CdrParseContext context)
    {
        var f = record.Fields;
        if (record.Malformed)
        {
            return new CdrRow(record.Line, record.Raw, null, "unterminated quoted field");
        }

        if (f.Count != width)
        {
            return new CdrRow(record.Line, record.Raw, null, $"has {f.Count} columns, expected {width} like the first row");
        }

        var start = CdrParsing.ParseTime(f[9], context.Zone);
        if (start is null)
        {
            return new CdrRow(record.Line, record.Raw, null, $"start '{f[9]}' is not a time (yyyy-MM-dd HH:mm:ss)");
        }

        var end = CdrParsing.ParseTime(f[11], context.Zone);
        if (end is null && f[11].Length > 0)
        {
            return new CdrRow(record.Line, record.Raw, null, $"end '{f[11]}' is not a time");
        }

        if (!int.TryParse(f[13], NumberStyles.None, CultureInfo.InvariantCulture, out var billsec))
        {
            return new CdrRow(record.Line, record.Raw, null, $"billsec '{f[13]}' is not a whole number of seconds");
        }

        // A call the voicemail answered was not handled by a person: it counts as missed (as Zammad counts it).
        var voicemail = f[7].Equals("VoiceMail", StringComparison.OrdinalIgnoreCase);
        var disposition = voicemail ? CallDisposition.NoAnswer : Dispositions.FromAsterisk(f[14]);
        var answered = disposition == CallDisposition.Answered;
        var answer = answered ? CdrParsing.ParseTime(f[10], context.Zone) ?? start : null;
        var (name, clidNumber) = CdrParsing.ParseCallerId(f[4]);
        var src = f[1].Length > 0 ? f[1] : clidNumber;
        var (line, direction, customer) = CdrParsing.Resolve(context.Lines, context.ForcedLine, src, f[2], null);
        if (line is null)
        {
            return new CdrRow(record.Line, record.Raw, null, CdrParsing.NoLineReason(src, f[2], context.Lines));
        }

        var agent = voicemail ? CdrParsing.Voicemail : direction == CallDirection.In ? CdrParsing.ExtensionOf(f[6]) : CdrParsing.ExtensionOf(f[5]);
        var call = new CallData(line, direction, customer, direction == CallDirection.In ? name : null, agent,
            f[7].Equals("Queue", StringComparison.OrdinalIgnoreCase) ? f[8].Split(',')[0] : null,
            start.Value, answer, end, disposition, f[14], "asterisk", SourceId(record.Raw, f, columns), billsec,
            CdrParsing.TrunkOf(f[0], direction == CallDirection.In ? f[5] : f[6]));
        return new CdrRow(record.Line, record.Raw, call, null);
    }

    /// <summary>
    /// uniqueid (+ sequence) when logged; one channel can still yield several rows, so a digest of the row
    /// keeps distinct rows distinct while the same row imported again maps to the same id.
    /// </summary>
    private static string SourceId(string raw, IReadOnlyList<string> f, AsteriskColumns columns)
    {
        if (!columns.HasFlag(AsteriskColumns.UniqueId))
        {
            return $"row:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..32]}";
        }

        // Beside the uniqueid a 64-bit digest only has to tell apart the few rows of one channel.
        var digest = Fnv1a64(raw).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        var uniqueId = f[16];
        return columns.HasFlag(AsteriskColumns.NewCdrColumns) ? $"{uniqueId}#{f[^1]}#{digest}" : $"{uniqueId}#{digest}";
    }

    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
