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

    private delegate QueueEvent Rule(DateTimeOffset at, string callId, string queue, string agent, string name, string[] data);

    // Transfers write …|holdtime|calltime|origposition last, whatever comes before (TRANSFER: extension|context;
    // BLINDTRANSFER the same; ATTENDEDTRANSFER: BRIDGE|uniqueid, APP|app or LINK|channel|channel).
    private static QueueEvent Transfer(DateTimeOffset at, string callId, string queue, string agent, string name, string[] d) =>
        new(at, QueueEventKind.Complete, callId, queue, agent, name, FromEnd(d, 2), FromEnd(d, 3));

    // Exits write the wait last (EXITWITHKEY: key|position|origposition|waittime; older versions stop at position).
    private static QueueEvent Exit(DateTimeOffset at, string callId, string queue, string agent, string name, string[] d) =>
        new(at, QueueEventKind.Exit, callId, queue, agent, name, d.Length >= 3 ? FromEnd(d, 1) : null);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["ENTERQUEUE"] = (at, c, q, a, n, d) => new(at, QueueEventKind.Enter, c, q, a, n),
        ["CONNECT"] = (at, c, q, a, n, d) => new(at, QueueEventKind.Connect, c, q, a, n, Field(d, 0)),
        ["COMPLETECALLER"] = (at, c, q, a, n, d) => new(at, QueueEventKind.Complete, c, q, a, n, Field(d, 1), Field(d, 0)),
        ["COMPLETEAGENT"] = (at, c, q, a, n, d) => new(at, QueueEventKind.Complete, c, q, a, n, Field(d, 1), Field(d, 0)),
        ["TRANSFER"] = Transfer,
        ["BLINDTRANSFER"] = Transfer,
        ["ATTENDEDTRANSFER"] = Transfer,
        ["ABANDON"] = Exit,
        ["EXITWITHTIMEOUT"] = Exit,
        ["EXITEMPTY"] = Exit,
        ["EXITWITHKEY"] = Exit,
        ["RINGNOANSWER"] = (at, c, q, a, n, d) => new(at, QueueEventKind.RingNoAnswer, c, q, a, n),
        ["ADDMEMBER"] = (at, c, q, a, n, d) => new(at, QueueEventKind.SessionStart, c, q, a, n),
        ["REMOVEMEMBER"] = (at, c, q, a, n, d) => new(at, QueueEventKind.SessionEnd, c, q, a, n),
        ["AGENTLOGIN"] = (at, c, q, a, n, d) => new(at, QueueEventKind.SessionStart, c, "", a, n),
        ["AGENTLOGOFF"] = (at, c, q, a, n, d) => new(at, QueueEventKind.SessionEnd, c, "", a, n),
        ["PAUSE"] = (at, c, q, a, n, d) => new(at, QueueEventKind.PauseStart, c, q, a, n),
        ["UNPAUSE"] = (at, c, q, a, n, d) => new(at, QueueEventKind.PauseEnd, c, q, a, n),
        ["PAUSEALL"] = (at, c, q, a, n, d) => new(at, QueueEventKind.PauseStart, c, "", a, n),
        ["UNPAUSEALL"] = (at, c, q, a, n, d) => new(at, QueueEventKind.PauseEnd, c, "", a, n),
        ["QUEUESTART"] = (at, c, q, a, n, d) => new(at, QueueEventKind.Restart, "", "", "", n),
    };

    /// <summary>The event names counted; every other is skipped.</summary>
    public static IReadOnlyCollection<string> Events => Rules.Keys;

    /// <summary>One line (without its newline).</summary>
    public static QueueLine Parse(long number, string raw)
    {
        var text = raw.TrimEnd('\r');
        if (text.Length == 0)
        {
            return new QueueLine(number, raw, null, null, Skipped: true);
        }

        var f = text.Split('|');
        if (f.Length < 5)
        {
            return new QueueLine(number, raw, null, $"{f.Length} field(s): a queue_log line has at least 5 (time|callid|queue|agent|event)");
        }

        if (!long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) || epoch > 32_503_680_000)
        {
            return new QueueLine(number, raw, null, $"time '{Common.Text.Clip(f[0], 20)}' is not a Unix time in seconds");
        }

        var name = f[4].Trim();
        if (!Rules.TryGetValue(name, out var rule))
        {
            return new QueueLine(number, raw, null, null, Skipped: true);
        }

        var callId = None(f[1]);
        var queue = None(f[2]);
        var agent = None(f[3]);
        var at = DateTimeOffset.FromUnixTimeSeconds(epoch);
        var e = rule(at, callId, queue, agent, name, f[5..]);
        return new QueueLine(number, raw, e, null);
    }

    private static string None(string field)
    {
        var t = field.Trim();
        return t == "NONE" ? "" : t;
    }

    private static int? Field(string[] data, int index) => index < data.Length ? Seconds(data[index]) : null;

    private static int? FromEnd(string[] data, int fromEnd) => data.Length >= fromEnd ? Seconds(data[^fromEnd]) : null;

    private static int? Seconds(string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
}
