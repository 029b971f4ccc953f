using System.Runtime.InteropServices;
using Hotline95.Core.Common;

namespace Hotline95.Core.Queues;

/// <summary>
/// A queue's calls that entered it in one hour (Asia/Shanghai) of one day: the counts behind every queue figure. No personal
/// data; kept when the queue records are purged. Thresholds (service level, short abandon) are those in force when the
/// call was recorded.
/// </summary>
public sealed class QueueHourFigures : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public required string Queue { get; init; }
    public DateOnly Day { get; init; }
    public int Hour { get; init; }
    public int Offered { get; set; }
    public int Answered { get; set; }
    /// <summary>Answered with a hold time within <see cref="QueueOptions.ServiceLevelSeconds"/>.</summary>
    public int AnsweredInTime { get; set; }
    /// <summary>Sum of the hold times of answered calls.</summary>
    public long HoldSeconds { get; set; }
    public int Abandoned { get; set; }
    /// <summary>Abandoned after waiting at most <see cref="QueueOptions.ShortAbandonSeconds"/>.</summary>
    public int ShortAbandoned { get; set; }
    /// <summary>Answered calls whose end was logged: the count behind the average handle time.</summary>
    public int Completed { get; set; }
    public long TalkSeconds { get; set; }
}

/// <summary>An agent's calls of a queue that entered it on one day: answered, talk time, rings not answered.</summary>
public sealed class QueueAgentDayFigures : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public required string Queue { get; init; }
    public required string Agent { get; init; }
    public DateOnly Day { get; init; }
    public int Answered { get; set; }
    public int Completed { get; set; }
    public long TalkSeconds { get; set; }
    public int RingsNotAnswered { get; set; }
}

/// <summary>Changes to the queue roll-ups gathered while a batch is written, applied in its transaction.</summary>
public sealed class QueueRollupDelta
{
    public sealed class Hour
    {
        public int Offered, Answered, AnsweredInTime, Abandoned, ShortAbandoned, Completed;
        public long HoldSeconds, TalkSeconds;

        public bool IsZero => Offered == 0 && Answered == 0 && AnsweredInTime == 0 && Abandoned == 0 && ShortAbandoned == 0 && Completed == 0 && HoldSeconds == 0 && TalkSeconds == 0;
    }

    public sealed class AgentDay
    {
        public int Answered, Completed, RingsNotAnswered;
        public long TalkSeconds;

        public bool IsZero => Answered == 0 && Completed == 0 && RingsNotAnswered == 0 && TalkSeconds == 0;
    }

    public Dictionary<(Guid Enterprise, string Line, string Queue, DateOnly Day, int Hour), Hour> Hours { get; } = [];
    public Dictionary<(Guid Enterprise, string Line, string Queue, string Agent, DateOnly Day), AgentDay> Agents { get; } = [];

    /// <summary>The change from a stay's state before to its state after (before is null for a new stay).</summary>
    public void Change(QueueCall? before, QueueCall after, QueueThresholds thresholds)
    {
        if (before is not null)
        {
            Add(before, thresholds, -1);
        }

        Add(after, thresholds, +1);
    }

    private void Add(QueueCall c, QueueThresholds t, int sign)
    {
        var local = ChinaTime.ToChina(c.EnteredAt);
        var day = DateOnly.FromDateTime(local.DateTime);
        ref var hour = ref CollectionsMarshal.GetValueRefOrAddDefault(Hours, (c.EnterpriseId, c.Line, c.Queue, day, local.Hour), out _);
        hour ??= new Hour();
        hour.Offered += sign;
        if (c.State == QueueCallState.Answered)
        {
            hour.Answered += sign;
            hour.AnsweredInTime += c.HoldSeconds <= t.ServiceLevelSeconds ? sign : 0;
            hour.HoldSeconds += sign * (c.HoldSeconds ?? 0);
            if (c.TalkSeconds is { } talk)
            {
                hour.Completed += sign;
                hour.TalkSeconds += sign * talk;
            }

            if (c.Agent is { } agent)
            {
                var a = AgentAt(c, agent, day);
                a.Answered += sign;
                if (c.TalkSeconds is { } agentTalk)
                {
                    a.Completed += sign;
                    a.TalkSeconds += sign * agentTalk;
                }
            }
        }
        else if (c.State == QueueCallState.Abandoned)
        {
            hour.Abandoned += sign;
            hour.ShortAbandoned += c.HoldSeconds <= t.ShortAbandonSeconds ? sign : 0;
        }

        foreach (var rung in c.RingAgents())
        {
            AgentAt(c, rung, day).RingsNotAnswered += sign;
        }
    }

    private AgentDay AgentAt(QueueCall c, string agent, DateOnly day)
    {
        ref var a = ref CollectionsMarshal.GetValueRefOrAddDefault(Agents, (c.EnterpriseId, c.Line, c.Queue, agent, day), out _);
        return a ??= new AgentDay();
    }
}

/// <summary>The thresholds a stay is counted against, from <see cref="QueueOptions"/>.</summary>
public readonly record struct QueueThresholds(int ServiceLevelSeconds, int ShortAbandonSeconds);
