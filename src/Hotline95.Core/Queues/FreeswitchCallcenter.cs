using System.Globalization;
using Hotline95.Core.Calls.Import;

namespace Hotline95.Core.Queues;

/// <summary>
/// FreeSWITCH mod_callcenter writes a caller's stay in a queue as variables of the member leg's CDR: <c>cc_queue</c>,
/// <c>cc_queue_joined_epoch</c>, <c>cc_queue_answered_epoch</c>, <c>cc_queue_terminated_epoch</c>,
/// <c>cc_queue_canceled_epoch</c>, <c>cc_cause</c>, <c>cc_cancel_reason</c>, <c>cc_agent</c>, <c>cc_side</c>. Each document
/// becomes the queue events Asterisk would have logged for the same stay, so both PBXs share one set of rules.
/// The agent leg (<c>cc_side=agent</c>) and CDRs without <c>cc_queue</c> are skipped.
/// </summary>
public static class FreeswitchCallcenter
{
    public static QueueLine[] Events(FreeswitchDocument document)
    {
        if (document.Variables is not { } v)
        {
            return [new QueueLine(document.Line, document.Raw, null, document.Reason)];
        }

        string? Get(string name) => v.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        if (Get("cc_queue") is not { } queue || string.Equals(Get("cc_side"), "agent", StringComparison.OrdinalIgnoreCase))
        {
            return [new QueueLine(document.Line, document.Raw, null, null, Skipped: true)];
        }

        var callId = Get("cc_member_session_uuid") ?? Get("uuid");
        if (callId is null)
        {
            return [new QueueLine(document.Line, document.Raw, null, "no uuid variable: not a FreeSWITCH CDR")];
        }

        if (Epoch(Get("cc_queue_joined_epoch")) is not { } joined)
        {
            return [new QueueLine(document.Line, document.Raw, null, "cc_queue is set but cc_queue_joined_epoch is missing or not a Unix time")];
        }

        var answered = Epoch(Get("cc_queue_answered_epoch"));
        var terminated = Epoch(Get("cc_queue_terminated_epoch"));
        var canceled = Epoch(Get("cc_queue_canceled_epoch"));
        var agent = Get("cc_agent") ?? "";
        var events = new List<QueueEvent> { new(joined, QueueEventKind.Enter, callId, queue, "", "cc_queue_joined") };
        if (answered is { } a)
        {
            events.Add(new(a, QueueEventKind.Connect, callId, queue, agent, "cc_queue_answered", Seconds(joined, a)));
            if (terminated is { } t)
            {
                events.Add(new(t, QueueEventKind.Complete, callId, queue, agent, Get("cc_cause") ?? "cc_queue_terminated", Seconds(a, t), Seconds(joined, a)));
            }
        }
        else if ((canceled ?? terminated) is { } left)
        {
            events.Add(new(left, QueueEventKind.Exit, callId, queue, "", Get("cc_cancel_reason") ?? Get("cc_cause") ?? "cc_queue_canceled", Seconds(joined, left)));
        }

        return [.. events.Select(e => new QueueLine(document.Line, document.Raw, e, null))];
    }

    private static DateTimeOffset? Epoch(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 && s < 32_503_680_000 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    private static int Seconds(DateTimeOffset from, DateTimeOffset to) => (int)Math.Max(0, (to - from).TotalSeconds);
}
