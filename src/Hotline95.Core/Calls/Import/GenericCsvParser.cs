using System.Globalization;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// A CSV with a header row, for PBXs and call-centre systems without a dedicated format. Column names
/// (any case): call_id, direction (in/out), line, from, to, caller_name, agent, queue, start, answer, end,
/// disposition, cause, talk_seconds. Required: call_id and start; times are ISO 8601, with an offset or in --tz.
/// </summary>
public sealed class GenericCsvParser : ICdrParser
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "call_id", ["callid"] = "call_id", ["call_id"] = "call_id", ["uniqueid"] = "call_id",
        ["direction"] = "direction", ["line"] = "line",
        ["from"] = "from", ["caller"] = "from", ["caller_number"] = "from", ["src"] = "from",
        ["to"] = "to", ["callee"] = "to", ["callee_number"] = "to", ["dst"] = "to",
        ["caller_name"] = "caller_name", ["name"] = "caller_name",
        ["agent"] = "agent", ["queue"] = "queue",
        ["start"] = "start", ["started_at"] = "start", ["answer"] = "answer", ["answered_at"] = "answer",
        ["end"] = "end", ["ended_at"] = "end", ["disposition"] = "disposition", ["cause"] = "cause",
        ["talk_seconds"] = "talk_seconds", ["billsec"] = "talk_seconds",
        ["trunk"] = "trunk", ["accountcode"] = "trunk", ["account_code"] = "trunk", ["gateway"] = "trunk",
    };

    public IEnumerable<CdrRow> Parse(Stream stream, CdrParseContext context)
    {
        using var reader = new StreamReader(stream, context.Encoding);
        Dictionary<string, int>? columns = null;
        foreach (var record in new CsvRecordReader(reader).Read())
        {
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    if (Aliases.TryGetValue(record.Fields[i].Trim().TrimStart('\uFEFF'), out var canonical))
                    {
                        columns.TryAdd(canonical, i);
                    }
                }

                var missing = new[] { "call_id", "start" }.Where(c => !columns.ContainsKey(c)).ToList();
                if (missing.Count > 0)
                {
                    throw new CdrFormatException($"the header row lacks {string.Join(" and ", missing)} (found: {string.Join(", ", record.Fields)})");
                }

                continue;
            }

            yield return Map(record, columns, context);
        }
    }

    private static CdrRow Map(CsvRecordReader.Record record, Dictionary<string, int> columns, CdrParseContext context)
    {
        string? Get(string name) => columns.TryGetValue(name, out var i) && i < record.Fields.Count && record.Fields[i].Trim().Length > 0 ? record.Fields[i].Trim() : null;

        if (record.Malformed)
        {
            return new CdrRow(record.Line, record.Raw, null, "unterminated quoted field");
        }

        var id = Get("call_id");
        if (id is null)
        {
            return new CdrRow(record.Line, record.Raw, null, "call_id is empty");
        }

        var start = CdrParsing.ParseTime(Get("start"), context.Zone);
        if (start is null)
        {
            return new CdrRow(record.Line, record.Raw, null, $"start '{Get("start")}' is not a time (ISO 8601, e.g. 2026-03-02T10:15:00+08:00)");
        }

        var directionText = Get("direction");
        CallDirection? hint = directionText?.ToLowerInvariant() switch
        {
            "in" or "inbound" or "呼入" => CallDirection.In,
            "out" or "outbound" or "呼出" => CallDirection.Out,
            _ => null,
        };
        if (directionText is not null && hint is null)
        {
            return new CdrRow(record.Line, record.Raw, null, $"direction '{directionText}' is not in or out");
        }

        var forced = context.ForcedLine ?? (Get("line") is { } l ? context.Lines.Match(l) ?? l : null);
        if (forced is not null && context.Lines.Match(forced) is null)
        {
            return new CdrRow(record.Line, record.Raw, null, $"line '{forced}' is not a configured 95 line");
        }

        var (line, direction, customer) = CdrParsing.Resolve(context.Lines, forced, Get("from"), Get("to"), hint);
        if (line is null)
        {
            return new CdrRow(record.Line, record.Raw, null, CdrParsing.NoLineReason(Get("from"), Get("to"), context.Lines));
        }

        var answer = CdrParsing.ParseTime(Get("answer"), context.Zone);
        int? talk = int.TryParse(Get("talk_seconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        var call = new CallData(line, direction, customer, Get("caller_name"), Get("agent"), Get("queue"), start.Value, answer,
            CdrParsing.ParseTime(Get("end"), context.Zone), Dispositions.Parse(Get("disposition"), answer is not null), Get("cause") ?? Get("disposition"),
            "csv", id, talk, CdrParsing.TrunkOf(Get("trunk") ?? "", null));
        return new CdrRow(record.Line, record.Raw, call, null);
    }
}
