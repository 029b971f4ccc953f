namespace Hotline95.Core.Queues;

/// <summary>What a queue event does, whatever PBX wrote it (Asterisk queue_log event names, FreeSWITCH mod_callcenter variables).</summary>
public enum QueueEventKind
{
    /// <summary>The caller joined the queue (ENTERQUEUE).</summary>
    Enter,
    /// <summary>An agent took the call (CONNECT); <see cref="QueueEvent.Seconds"/> is the hold time.</summary>
    Connect,
    /// <summary>The answered call ended (COMPLETECALLER, COMPLETEAGENT, TRANSFER…); <see cref="QueueEvent.Seconds"/> is the talk time, <see cref="QueueEvent.HoldSeconds"/> the hold time.</summary>
    Complete,
    /// <summary>The caller left without an agent (ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY); <see cref="QueueEvent.Seconds"/> is the wait.</summary>
    Exit,
    /// <summary>An agent was rung and did not answer (RINGNOANSWER).</summary>
    RingNoAnswer,
    /// <summary>An agent session began: ADDMEMBER in a queue, AGENTLOGIN in every queue.</summary>
    SessionStart,
    SessionEnd,
    /// <summary>PAUSE in a queue, PAUSEALL in every queue.</summary>
    PauseStart,
    PauseEnd,
    /// <summary>The PBX (re)started its queues (QUEUESTART): calls still waiting from before were lost with the restart.</summary>
    Restart,
}

/// <summary>
/// One queue event. <see cref="Queue"/> is empty for agent events that apply to every queue (AGENTLOGIN, PAUSEALL);
/// <see cref="Seconds"/> and <see cref="HoldSeconds"/> are null when the PBX did not write them (the times of the events tell instead).
/// </summary>
public sealed record QueueEvent(
    DateTimeOffset At,
    QueueEventKind Kind,
    string CallId,
    string Queue,
    string Agent,
    string Name,
    int? Seconds = null,
    int? HoldSeconds = null);

/// <summary>A line of a queue file: its event, or why it cannot be one; <see cref="Skipped"/> for events that count for nothing (CONFIGRELOAD, DID…).</summary>
public sealed record QueueLine(long Number, string Raw, QueueEvent? Event, string? Reason, bool Skipped = false);
