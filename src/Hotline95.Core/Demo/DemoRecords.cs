using System.Globalization;
using System.Text;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;

namespace Hotline95.Core.Demo;

/// <summary>
/// The demo's traffic as its PBX would have written it: Asterisk cdr_csv rows (18 columns, uniqueid and userfield logged)
/// and an Asterisk queue_log in time order, both naming each call by the same uniqueid. They go through the product's own
/// imports, so the calls are sealed, indexed and rolled up and the queue figures computed as for any PBX.
/// </summary>
public static class DemoRecords
{
    /// <summary>The trunk the bank's calls come in and go out through.</summary>
    public const string Trunk = "PJSIP/trunk-ct";

    public static IEnumerable<string> CdrRows(IEnumerable<DemoDayTraffic> days) => days.SelectMany(d => d.Calls).Select(CdrRow);

    public static string CdrRow(DemoCall c)
    {
        var inbound = c.Direction == CallDirection.In;
        var answer = c.Answered ? Stamp(c.Start.AddSeconds(c.WaitSeconds)) : "";
        string[] text = inbound
            ? ["", c.Customer, c.Line, "from-pstn", $"\"{c.CustomerName}\" <{c.Customer}>", Channel(Trunk, c), c.Answered ? Channel($"PJSIP/{c.Agent}", c) : "",
                "Queue", $"{c.Queue},t,,,300", Stamp(c.Start), answer, Stamp(c.End)]
            : ["", c.Line, c.Customer, "from-internal", $"\"{c.Line}\" <{c.Line}>", Channel($"PJSIP/{c.Agent}", c), Channel(Trunk, c),
                "Dial", $"PJSIP/{c.Customer}@trunk-ct,60", Stamp(c.Start), answer, Stamp(c.End)];
        var row = new StringBuilder(320);
        foreach (var field in text)
        {
            row.Append(Quote(field)).Append(',');
        }

        row.Append((c.WaitSeconds + c.TalkSeconds).ToString(CultureInfo.InvariantCulture)).Append(',').Append(c.TalkSeconds.ToString(CultureInfo.InvariantCulture)).Append(',');
        row.Append(Quote(c.Answered ? "ANSWERED" : "NO ANSWER")).Append(',').Append(Quote("DOCUMENTATION")).Append(',').Append(Quote(c.UniqueId)).Append(",\"\"");
        return row.ToString();
    }

    /// <summary>
    /// The queue_log of the days: each inbound call entering its queue, rung, connected and completed or abandoned, and the
    /// agents added to and removed from the line's queues as they come on and go off duty; in time order across days.
    /// </summary>
    public static IEnumerable<string> QueueLog(IEnumerable<DemoDayTraffic> days)
    {
        var pending = new PriorityQueue<string, (long At, long Seq)>();
        var seq = 0L;
        foreach (var day in days)
        {
            foreach (var (at, line) in day.Shifts.SelectMany(ShiftEvents).Concat(day.Calls.Where(c => c.Queue is not null).SelectMany(CallEvents)))
            {
                pending.Enqueue($"{at.ToUnixTimeSeconds()}|{line}", (at.ToUnixTimeSeconds(), seq++));
            }

            // Every event of a later day comes after the start of that day: what is before it can be written.
            var nextDay = ChinaTime.StartOfDay(day.Day.Date.AddDays(1)).ToUnixTimeSeconds();
            while (pending.TryPeek(out _, out var key) && key.At < nextDay)
            {
                yield return pending.Dequeue();
            }
        }

        while (pending.TryDequeue(out var line, out _))
        {
            yield return line;
        }
    }

    private static IEnumerable<(DateTimeOffset At, string Line)> CallEvents(DemoCall c)
    {
        var (id, q, member) = (c.UniqueId, c.Queue, $"PJSIP/{c.Agent}");
        yield return (c.Start, $"{id}|{q}|NONE|ENTERQUEUE||{c.Customer}|1");
        if (!c.Answered)
        {
            yield return (c.End, $"{id}|{q}|NONE|ABANDON|1|1|{c.WaitSeconds}");
            yield break;
        }

        if (c.WaitSeconds > 15)
        {
            yield return (c.Start.AddSeconds(15), $"{id}|{q}|{member}|RINGNOANSWER|15000");
        }

        yield return (c.Start.AddSeconds(c.WaitSeconds), $"{id}|{q}|{member}|CONNECT|{c.WaitSeconds}|{id}1|{Math.Min(c.WaitSeconds, 8)}");
        yield return (c.End, $"{id}|{q}|{member}|{(c.Seq % 2 == 0 ? "COMPLETECALLER" : "COMPLETEAGENT")}|{c.WaitSeconds}|{c.TalkSeconds}|1");
    }

    private static IEnumerable<(DateTimeOffset At, string Line)> ShiftEvents(DemoShift s)
    {
        foreach (var queue in s.Line.Queues)
        {
            yield return (s.From, $"NONE|{queue}|PJSIP/{s.Agent}|ADDMEMBER|");
            if (s.To is { } to)
            {
                yield return (to, $"NONE|{queue}|PJSIP/{s.Agent}|REMOVEMEMBER|");
            }
        }
    }

    private static string Channel(string peer, DemoCall c) => $"{peer}-{c.Seq:x8}";

    private static string Quote(string field) => $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Stamp(DateTimeOffset t) => ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
