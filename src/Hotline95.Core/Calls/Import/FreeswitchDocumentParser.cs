using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// FreeSWITCH mod_json_cdr and mod_xml_cdr documents (cdr-formats.md §3). Values are read from
/// <c>variables</c> (URL-decoded: XML always encodes them, JSON does by default), with the caller profile
/// of the first callflow as fallback; epoch times are preferred because they carry no zone ambiguity.
/// JSON files hold one document, or one document per line.
/// </summary>
public sealed class FreeswitchDocumentParser(bool xml) : ICdrParser
{
    public IEnumerable<CdrRow> Parse(Stream stream, CdrParseContext context) =>
        Read(stream, xml, context.Encoding).Select(d => d.Variables is null ? new CdrRow(d.Line, d.Raw, null, d.Reason) : Map(d.Line, d.Raw, d.Variables, context));

    /// <summary>
    /// The documents of a mod_json_cdr or mod_xml_cdr file, each as its variables (URL-decoded), or why it is not one.
    /// The queue import reads mod_callcenter's cc_* variables from the same documents.
    /// </summary>
    public static IEnumerable<FreeswitchDocument> Read(Stream stream, bool xml, System.Text.Encoding encoding)
    {
        using var reader = new StreamReader(stream, encoding);
        var text = reader.ReadToEnd();
        if (xml)
        {
            yield return ParseXml(text);
            yield break;
        }

        var trimmed = text.TrimStart();
        if (TryParse(trimmed, out var whole))
        {
            using (whole)
            {
                yield return new FreeswitchDocument(1, text, Variables(whole!.RootElement), null);
            }

            yield break;
        }

        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!TryParse(line, out var doc))
            {
                yield return new FreeswitchDocument(number, line, null, "not a JSON document");
                continue;
            }

            using (doc)
            {
                yield return new FreeswitchDocument(number, line, Variables(doc!.RootElement), null);
            }
        }
    }

    private static bool TryParse(string text, out JsonDocument? document)
    {
        try
        {
            // Older FreeSWITCH repeats "callflow" as an object key; JsonDocument tolerates duplicate keys.
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }
    }

    private static Dictionary<string, string> Variables(JsonElement root)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in variables.EnumerateObject())
            {
                values[p.Name] = Decode(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            }
        }

        if (root.TryGetProperty("channel_data", out var channel) && channel.TryGetProperty("direction", out var dir))
        {
            values.TryAdd("direction", dir.GetString() ?? "");
        }

        foreach (var p in root.EnumerateObject().Where(p => p.Name == "callflow"))
        {
            var flow = p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0 ? p.Value[0] : p.Value;
            if (flow.ValueKind == JsonValueKind.Object && flow.TryGetProperty("caller_profile", out var profile))
            {
                foreach (var name in new[] { "caller_id_name", "caller_id_number", "destination_number" })
                {
                    if (profile.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
                    {
                        values.TryAdd(name, Decode(v.GetString()!));
                    }
                }
            }

            break;
        }

        return values;
    }

    private static FreeswitchDocument ParseXml(string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (XmlException ex)
        {
            return new FreeswitchDocument(ex.LineNumber, text.Split('\n')[0], null, $"not an XML CDR: {ex.Message}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in document.Root?.Element("variables")?.Elements() ?? [])
        {
            values[v.Name.LocalName] = Decode(v.Value);
        }

        if (document.Root?.Element("channel_data")?.Element("direction")?.Value is { } dir)
        {
            values.TryAdd("direction", dir);
        }

        var profile = document.Root?.Element("callflow")?.Element("caller_profile");
        foreach (var name in new[] { "caller_id_name", "caller_id_number", "destination_number" })
        {
            if (profile?.Element(name)?.Value is { Length: > 0 } value)
            {
                values.TryAdd(name, Decode(value));
            }
        }

        return new FreeswitchDocument(1, text.Split('\n')[0], values, null);
    }

    private static CdrRow Map(int line, string raw, IReadOnlyDictionary<string, string> v, CdrParseContext context)
    {
        string? Get(string name) => v.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var uuid = Get("uuid");
        if (uuid is null)
        {
            return new CdrRow(line, raw, null, "no uuid variable: not a FreeSWITCH CDR");
        }

        var start = CdrParsing.ParseEpoch(Get("start_epoch")) ?? CdrParsing.ParseTime(Get("start_stamp"), context.Zone);
        if (start is null)
        {
            return new CdrRow(line, raw, null, "no start_epoch or start_stamp");
        }

        var answer = CdrParsing.ParseEpoch(Get("answer_epoch")) ?? CdrParsing.ParseTime(Get("answer_stamp"), context.Zone);
        var end = CdrParsing.ParseEpoch(Get("end_epoch")) ?? CdrParsing.ParseTime(Get("end_stamp"), context.Zone);
        _ = int.TryParse(Get("billsec"), NumberStyles.None, CultureInfo.InvariantCulture, out var billsec);
        var from = Get("caller_id_number") ?? Get("sip_from_user");
        var to = Get("destination_number") ?? Get("sip_to_user");
        var (lineNumber, direction, customer) = CdrParsing.Resolve(context.Lines, context.ForcedLine, from, to, null);
        if (lineNumber is null)
        {
            return new CdrRow(line, raw, null, CdrParsing.NoLineReason(from, to, context.Lines));
        }

        // A call the voicemail answered was not handled by a person: it counts as missed (as Zammad counts it).
        var voicemail = string.Equals(Get("last_app"), "voicemail", StringComparison.OrdinalIgnoreCase);
        var answered = !voicemail && (answer is not null || billsec > 0);
        var agent = voicemail ? CdrParsing.Voicemail : Get("dialed_user") ?? Get("callee_id_number") ?? Get("last_sent_callee_id_number");
        var call = new CallData(lineNumber, direction, customer, direction == CallDirection.In ? Get("caller_id_name") : null,
            agent, Get("cc_queue") ?? Get("queue"), start.Value, answered ? answer ?? start : null, end,
            Dispositions.FromFreeswitch(Get("hangup_cause"), answered), Get("hangup_cause"), "freeswitch", uuid, billsec,
            CdrParsing.TrunkOf(Get("accountcode") ?? Get("sip_gateway_name") ?? "", null));
        return new CdrRow(line, raw, call, null);
    }

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

}

/// <summary>One FreeSWITCH CDR document: its variables, or the reason it could not be read.</summary>
public sealed record FreeswitchDocument(int Line, string Raw, IReadOnlyDictionary<string, string>? Variables, string? Reason);
