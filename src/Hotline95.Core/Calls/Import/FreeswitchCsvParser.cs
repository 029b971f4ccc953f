using System.Globalization;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// FreeSWITCH mod_cdr_csv with the vanilla "example" template (15 columns) or the built-in "default"
/// template (13 columns, with a space before the last quoted field): caller_id_name, caller_id_number,
/// destination_number, context, start_stamp, answer_stamp, end_stamp, duration, billsec, hangup_cause,
/// uuid, bleg_uuid, accountcode[, read_codec, write_codec].
/// </summary>
public sealed class FreeswitchCsvParser : ICdrParser
{
    public IEnumerable<CdrRow> Parse(Stream stream, CdrParseContext context)
    {
        using var reader = new StreamReader(stream, context.Encoding);
        foreach (var record in new CsvRecordReader(reader).Read())
        {
            yield return Map(record, context);
        }
    }

    private static CdrRow Map(CsvRecordReader.Record record, CdrParseContext context)
    {
        var f = record.Fields.Select(v => v.Trim()).ToList();
        if (record.Malformed || f.Count is not (13 or 15))
        {
            return new CdrRow(record.Line, record.Raw, null,
                record.Malformed ? "unterminated quoted field (FreeSWITCH does not escape quotes inside values)" : $"has {f.Count} columns; the FreeSWITCH example template has 15, the default 13");
        }

        var start = CdrParsing.ParseTime(f[4], context.Zone);
        if (start is null)
        {
            return new CdrRow(record.Line, record.Raw, null, $"start_stamp '{f[4]}' is not a time (yyyy-MM-dd HH:mm:ss)");
        }

        if (string.IsNullOrEmpty(f[10]))
        {
            return new CdrRow(record.Line, record.Raw, null, "uuid is empty");
        }

        _ = int.TryParse(f[8], NumberStyles.None, CultureInfo.InvariantCulture, out var billsec);
        var answer = CdrParsing.ParseTime(f[5], context.Zone);
        var answered = answer is not null || billsec > 0;
        var (line, direction, customer) = CdrParsing.Resolve(context.Lines, context.ForcedLine, f[1], f[2], null);
        if (line is null)
        {
            return new CdrRow(record.Line, record.Raw, null, CdrParsing.NoLineReason(f[1], f[2], context.Lines));
        }

        var call = new CallData(line, direction, customer, direction == CallDirection.In && f[0].Length > 0 ? f[0] : null, null, null,
            start.Value, answered ? answer ?? start : null, CdrParsing.ParseTime(f[6], context.Zone),
            Dispositions.FromFreeswitch(f[9], answered), f[9], "freeswitch", f[10], billsec, f.Count == 15 ? CdrParsing.TrunkOf(f[12], null) : null);
        return new CdrRow(record.Line, record.Raw, call, null);
    }
}
