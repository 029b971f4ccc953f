using System.Globalization;
using Hotline95.Core.Common;

namespace Hotline95.Core.Queues;

public enum QueueCallState
{
    /// <summary>In the queue: no agent yet, no exit yet.</summary>
    Waiting,
    Answered,
    Abandoned,
    /// <summary>Never answered nor abandoned: the PBX restarted (QUEUESTART) with the caller still waiting.</summary>
    Unresolved,
}

/// <summary>
/// One stay of a call in a queue, from its ENTERQUEUE to its exit, as the PBX's queue records tell it. No personal data:
/// the caller's number, which queue_log writes, is not kept. A call record: purged with the calls past retention, while
/// the figures it contributed stay in the queue roll-ups.
/// </summary>
public sealed class QueueCall : ITenantScoped
{
    public long Id { get; set; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public required string Queue { get; init; }
    /// <summary>asterisk (queue_log) or freeswitch (mod_callcenter).</summary>
    public required string SourceSystem { get; init; }
    /// <summary>The PBX's call id (Asterisk uniqueid, FreeSWITCH uuid).</summary>
    public required string SourceId { get; init; }
    public DateTimeOffset EnteredAt { get; init; }
    public QueueCallState State { get; set; }
    /// <summary>The agent who took the call.</summary>
    public string? Agent { get; set; }
    public DateTimeOffset? ConnectedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Answered: the hold time; abandoned: the wait.</summary>
    public int? HoldSeconds { get; set; }
    /// <summary>Known once the end of the conversation was logged.</summary>
    public int? TalkSeconds { get; set; }
    /// <summary>The PBX's name of the event that ended the stay (COMPLETECALLER, ABANDON, EXITWITHTIMEOUT…).</summary>
    public string? ExitEvent { get; set; }
    /// <summary>Agents rung without answering, as "epoch agent" entries separated by newlines (a set: a re-import adds none twice).</summary>
    public string? Rings { get; set; }

    public QueueCall Copy() => (QueueCall)MemberwiseClone();

    public IEnumerable<string> RingAgents() =>
        (Rings ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r[(r.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    /// <summary>Applies one event of this stay; false when it changes nothing (a replay, or an event that comes too late to count).</summary>
    public bool Apply(QueueEvent e)
    {
        switch (e.Kind)
        {
            case QueueEventKind.Connect when State is QueueCallState.Waiting or QueueCallState.Unresolved:
                State = QueueCallState.Answered;
                ConnectedAt = e.At;
                Agent = NullIfEmpty(e.Agent);
                HoldSeconds = e.Seconds ?? Seconds(EnteredAt, e.At);
                return true;
            case QueueEventKind.Complete when State is QueueCallState.Waiting or QueueCallState.Unresolved:
                // The CONNECT is missing (a rotated or trimmed log): the completion tells the hold time too.
                State = QueueCallState.Answered;
                Agent = NullIfEmpty(e.Agent);
                HoldSeconds = e.HoldSeconds ?? Seconds(EnteredAt, e.At.AddSeconds(-(e.Seconds ?? 0)));
                ConnectedAt = EnteredAt.AddSeconds(HoldSeconds.Value);
                return Complete(e);
            case QueueEventKind.Complete when State == QueueCallState.Answered && TalkSeconds is null:
                Agent ??= NullIfEmpty(e.Agent);
                return Complete(e);
            case QueueEventKind.Exit when State is QueueCallState.Waiting or QueueCallState.Unresolved:
                State = QueueCallState.Abandoned;
                HoldSeconds = e.Seconds ?? Seconds(EnteredAt, e.At);
                EndedAt = e.At;
                ExitEvent = e.Name;
                return true;
            case QueueEventKind.RingNoAnswer when e.Agent.Length > 0:
                var entry = $"{e.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} {e.Agent}";
                if ((Rings ?? "").Split('\n').Contains(entry, StringComparer.Ordinal))
                {
                    return false;
                }

                Rings = Rings is null ? entry : Rings + "\n" + entry;
                return true;
            case QueueEventKind.Restart when State == QueueCallState.Waiting && EnteredAt < e.At:
                State = QueueCallState.Unresolved;
                return true;
            default:
                return false;
        }
    }

    private bool Complete(QueueEvent e)
    {
        TalkSeconds = e.Seconds ?? (ConnectedAt is { } c ? Seconds(c, e.At) : 0);
        EndedAt = e.At;
        ExitEvent = e.Name;
        return true;
    }

    private static int Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (int)(to - from).TotalSeconds);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

public enum AgentIntervalKind
{
    /// <summary>Logged in (ADDMEMBER…REMOVEMEMBER in a queue, AGENTLOGIN…AGENTLOGOFF in every queue).</summary>
    Session,
    /// <summary>Paused (PAUSE…UNPAUSE, PAUSEALL…UNPAUSEALL).</summary>
    Pause,
}

/// <summary>
/// An agent's logged-in or paused interval, from the PBX's agent events. Staff data, not a customer's: kept while the
/// occupancy figures need it. <see cref="Queue"/> is empty for intervals in every queue.
/// </summary>
public sealed class AgentInterval : ITenantScoped
{
    public long Id { get; set; }
    public Guid EnterpriseId { get; init; }
    public required string Agent { get; init; }
    public required string Queue { get; init; }
    public AgentIntervalKind Kind { get; init; }
    public required string SourceSystem { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>Null while it lasts.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
