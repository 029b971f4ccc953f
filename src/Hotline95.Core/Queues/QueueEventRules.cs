using Hotline95.Core.Common;

namespace Hotline95.Core.Queues;

/// <summary>What every queue event must satisfy, whatever wrote it: a table of small rules, each the reason the line goes to FILE.rejected.</summary>
public static class QueueEventRules
{
    public const int MaxCallId = 128;
    public const int MaxName = 64;

    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static bool IsCallEvent(QueueEvent e) => e.Kind is QueueEventKind.Enter or QueueEventKind.Connect or QueueEventKind.Complete or QueueEventKind.Exit or QueueEventKind.RingNoAnswer;

    private static bool IsAgentEvent(QueueEvent e) => e.Kind is QueueEventKind.SessionStart or QueueEventKind.SessionEnd or QueueEventKind.PauseStart or QueueEventKind.PauseEnd;

    private static readonly (string Name, Func<QueueEvent, DateTimeOffset, string?> Check)[] Rules =
    [
        ("time not before 2000", (e, _) => e.At < Earliest ? $"time {ChinaTime.ToChina(e.At):yyyy-MM-dd} is before 2000: the PBX clock was not set" : null),
        ("time not after tomorrow", (e, latest) => e.At >= latest ? $"time {ChinaTime.ToChina(e.At):yyyy-MM-dd} is in the future" : null),
        ("call events name their call", (e, _) => IsCallEvent(e) && e.CallId.Length == 0 ? $"{e.Name} without a call id" : null),
        ("call events name their queue", (e, _) => IsCallEvent(e) && e.Queue.Length == 0 ? $"{e.Name} without a queue" : null),
        ("agent events name their agent", (e, _) => (IsAgentEvent(e) || e.Kind == QueueEventKind.RingNoAnswer) && e.Agent.Length == 0 ? $"{e.Name} without an agent" : null),
        ("call id length", (e, _) => e.CallId.Length > MaxCallId ? $"call id longer than {MaxCallId} characters" : null),
        ("queue name length", (e, _) => e.Queue.Length > MaxName ? $"queue name longer than {MaxName} characters" : null),
        ("agent name length", (e, _) => e.Agent.Length > MaxName ? $"agent name longer than {MaxName} characters" : null),
        ("times not negative", (e, _) => e.Seconds < 0 || e.HoldSeconds < 0 ? "a negative time" : null),
        ("times under a day", (e, _) => e.Seconds > 86_400 || e.HoldSeconds > 86_400 ? "a hold, wait or talk time over a day" : null),
    ];

    /// <summary>The reason <paramref name="e"/> cannot be counted, or null.</summary>
    public static string? Check(QueueEvent e, DateTimeOffset latest)
    {
        foreach (var (_, check) in Rules)
        {
            if (check(e, latest) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }
}
