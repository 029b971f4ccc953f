using System.Globalization;

namespace Hotline95.Core.Queues;

/// <summary>
/// Asterisk's queue_log: <c>epoch|uniqueid|queue|agent|EVENT|data1|data2|…</c>, one event a line (cdr-formats.md). Each
/// event the product counts is a small rule below; any other event name (CONFIGRELOAD, DID, INFO, SYSCOMPAT…) is
/// skipped. Times the PBX writes as data fields (hold, wait, talk) are taken as written; when a field is missing or
/// not a number, the time between the events is used instead.
/// </summary>
public static class AsteriskQueueLog
{
    public const string SourceSystem = "asterisk";

    /// <summary>An event's data fields (after the event name) as ranges of the line: numbers are read in place, never copied.</summary>
    private delegate QueueEvent Rule(DateTimeOffset at, string callId, string queue, string agent, string name, ReadOnlySpan<char> line, ReadOnlySpan<Range> data);

    // Transfers write …|holdtime|calltime|origposition last, whatever comes before (TRANSFER: extension|context;
    // BLINDTRANSFER the same; ATTENDEDTRANSFER: BRIDGE|uniqueid, APP|app or LINK|channel|channel).
    private static QueueEvent Transfer(DateTimeOffset at, string callId, string queue, string agent, string name, ReadOnlySpan<char> line, ReadOnlySpan<Range> d) =>
        new(at, QueueEventKind.Complete, callId, queue, agent, name, FromEnd(line, d, 2), FromEnd(line, d, 3));

    // Exits write the wait last (EXITWITHKEY: key|position|origposition|waittime; older versions stop at position).
    private static QueueEvent Exit(DateTimeOffset at, string callId, string queue, string agent, string name, ReadOnlySpan<char> line, ReadOnlySpan<Range> d) =>
        new(at, QueueEventKind.Exit, callId, queue, agent, name, d.Length >= 3 ? FromEnd(line, d, 1) : null);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["ENTERQUEUE"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.Enter, c, q, a, n),
        ["CONNECT"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.Connect, c, q, a, n, Field(l, d, 0)),
        ["COMPLETECALLER"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.Complete, c, q, a, n, Field(l, d, 1), Field(l, d, 0)),
        ["COMPLETEAGENT"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.Complete, c, q, a, n, Field(l, d, 1), Field(l, d, 0)),
        ["TRANSFER"] = Transfer,
        ["BLINDTRANSFER"] = Transfer,
        ["ATTENDEDTRANSFER"] = Transfer,
        ["ABANDON"] = Exit,
        ["EXITWITHTIMEOUT"] = Exit,
        ["EXITEMPTY"] = Exit,
        ["EXITWITHKEY"] = Exit,
        ["RINGNOANSWER"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.RingNoAnswer, c, q, a, n),
        ["ADDMEMBER"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.SessionStart, c, q, a, n),
        ["REMOVEMEMBER"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.SessionEnd, c, q, a, n),
        ["AGENTLOGIN"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.SessionStart, c, "", a, n),
        ["AGENTLOGOFF"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.SessionEnd, c, "", a, n),
        ["PAUSE"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.PauseStart, c, q, a, n),
        ["UNPAUSE"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.PauseEnd, c, q, a, n),
        ["PAUSEALL"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.PauseStart, c, "", a, n),
        ["UNPAUSEALL"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.PauseEnd, c, "", a, n),
        ["QUEUESTART"] = (at, c, q, a, n, l, d) => new(at, QueueEventKind.Restart, "", "", "", n),
    };

    private static readonly Dictionary<string, Rule>.AlternateLookup<ReadOnlySpan<char>> RulesBySpan = Rules.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The event names counted; every other is skipped.</summary>
    public static IReadOnlyCollection<string> Events => Rules.Keys;

    /// <summary>One line (without its newline). Queue and agent names repeat on every line: <paramref name="names"/> keeps one string of each.</summary>
    public static QueueLine Parse(long number, string raw, NameCache? names = null)
    {
        var text = raw.AsSpan().TrimEnd('\r');
        if (text.Length == 0)
        {
            return new QueueLine(number, raw, null, null, Skipped: true);
        }

        Span<Range> f = stackalloc Range[32];
        var count = text.Split(f, '|');
        if (count < 5)
        {
            return new QueueLine(number, raw, null, $"{count} field(s): a queue_log line has at least 5 (time|callid|queue|agent|event)");
        }

        if (!long.TryParse(text[f[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) || epoch > 32_503_680_000)
        {
            return new QueueLine(number, raw, null, $"time '{Common.Text.Clip(text[f[0]].ToString(), 20)}' is not a Unix time in seconds");
        }

        if (!RulesBySpan.TryGetValue(text[f[4]].Trim(), out var name, out var rule))
        {
            return new QueueLine(number, raw, null, null, Skipped: true);
        }

        names ??= new NameCache();
        var callId = None(text[f[1]]) is { Length: > 0 } id ? id.ToString() : "";
        var e = rule(DateTimeOffset.FromUnixTimeSeconds(epoch), callId, names.Get(None(text[f[2]])), names.Get(None(text[f[3]])), name, text, f[5..count]);
        return new QueueLine(number, raw, e, null);
    }

    private static ReadOnlySpan<char> None(ReadOnlySpan<char> field)
    {
        var t = field.Trim();
        return t.SequenceEqual("NONE") ? [] : t;
    }

    private static int? Field(ReadOnlySpan<char> line, ReadOnlySpan<Range> data, int index) => index < data.Length ? Seconds(line[data[index]]) : null;

    private static int? FromEnd(ReadOnlySpan<char> line, ReadOnlySpan<Range> data, int fromEnd) => data.Length >= fromEnd ? Seconds(line[data[^fromEnd]]) : null;

    private static int? Seconds(ReadOnlySpan<char> value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
}

/// <summary>One string per distinct short name (queues, agents), so a million lines hold a few dozen of them, not a million.</summary>
public sealed class NameCache
{
    private const int Limit = 10_000;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return "";
        }

        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        var text = name.ToString();
        if (_names.Count < Limit)
        {
            _names.Add(text);
        }

        return text;
    }
}
