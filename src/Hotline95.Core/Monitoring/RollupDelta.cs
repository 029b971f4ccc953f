using Hotline95.Core.Calls;
using System.Runtime.InteropServices;
using Hotline95.Core.Common;

namespace Hotline95.Core.Monitoring;

/// <summary>What one call contributes to its day's and hour's figures. A call on no known line contributes nothing yet.</summary>
public readonly record struct CallContribution(string Line, CallDirection Direction, DateTimeOffset StartedAt, bool Answered, bool Missed, int TalkSeconds, int RingSeconds, byte[]? CallerIndex)
{
    public static CallContribution? Of(CallRecord call) =>
        Of(call.Line, call.Direction, call.StartedAt, call.AnsweredAt is not null, call.Missed, call.TalkSeconds, call.RingSeconds, call.CustomerNumberIndex);

    public static CallContribution? Of(string line, CallDirection direction, DateTimeOffset startedAt, bool answered, bool missed, int talkSeconds, int ringSeconds, byte[]? callerIndex) =>
        line.Length == 0 ? null : new CallContribution(line, direction, startedAt, answered, missed, talkSeconds, ringSeconds, callerIndex);
}

/// <summary>
/// Changes to the roll-ups gathered while a batch is written and applied in the same transaction, so that the
/// figures and the records they count are committed together or not at all.
/// </summary>
public sealed class RollupDelta
{
    public sealed class Day
    {
        public int CallsIn;
        public int CallsOut;
        public int Answered;
        public int Missed;
        public long TalkSeconds;
        public long RingSeconds;
        public int Complaints;

        /// <summary>The day's new callers as a sketch of their own (see <see cref="CallerSketch"/>), merged into the stored one.</summary>
        public byte[]? Callers;

        public bool IsZero => CallsIn == 0 && CallsOut == 0 && Answered == 0 && Missed == 0 && TalkSeconds == 0 && RingSeconds == 0 && Complaints == 0 && Callers is null;

        public void AddCaller(ReadOnlySpan<byte> callerIndex) => CallerSketch.Add(Callers ??= CallerSketch.Empty(), callerIndex);

        public void Add(Day other)
        {
            CallsIn += other.CallsIn;
            CallsOut += other.CallsOut;
            Answered += other.Answered;
            Missed += other.Missed;
            TalkSeconds += other.TalkSeconds;
            RingSeconds += other.RingSeconds;
            Complaints += other.Complaints;
            if (other.Callers is not null)
            {
                CallerSketch.MergeInto(Callers ??= CallerSketch.Empty(), other.Callers);
            }
        }
    }

    public Dictionary<(Guid Enterprise, string Line, DateOnly Day), Day> Days { get; } = [];
    public Dictionary<(Guid Enterprise, string Line, DateOnly Day, int Hour), int> Hours { get; } = [];

    public bool IsEmpty => Days.Values.All(d => d.IsZero) && Hours.Values.All(h => h == 0);

    /// <summary>
    /// Adds (sign +1) or takes back (sign −1) a call's contribution, and returns the day's figures it went to;
    /// callers only ever join a sketch.
    /// </summary>
    public Day Add(Guid enterprise, CallContribution call, int sign = 1)
    {
        var local = ChinaTime.ToChina(call.StartedAt);
        var date = DateOnly.FromDateTime(local.DateTime);
        var day = DayAt((enterprise, call.Line, date));

        if (call.Direction == CallDirection.In)
        {
            day.CallsIn += sign;
        }
        else
        {
            day.CallsOut += sign;
        }

        day.Answered += call.Answered ? sign : 0;
        day.Missed += call.Missed ? sign : 0;
        day.TalkSeconds += sign * call.TalkSeconds;
        day.RingSeconds += sign * call.RingSeconds;
        if (sign > 0 && call.CallerIndex is { Length: >= 8 } caller)
        {
            day.AddCaller(caller);
        }

        CollectionsMarshal.GetValueRefOrAddDefault(Hours, (enterprise, call.Line, date, local.Hour), out _) += sign;
        return day;
    }

    /// <summary>The change from a call's state before to its state after (either may be absent).</summary>
    public void Change(Guid enterprise, CallContribution? before, CallContribution? after)
    {
        if (before == after)
        {
            return;
        }

        if (before is { } b)
        {
            Add(enterprise, b, -1);
        }

        if (after is { } a)
        {
            Add(enterprise, a, +1);
        }
    }

    /// <summary>Adds everything <paramref name="other"/> holds (a batch's figures, gathered while it was sealed).</summary>
    public void Merge(RollupDelta other)
    {
        foreach (var (key, day) in other.Days)
        {
            DayAt(key).Add(day);
        }

        foreach (var (key, count) in other.Hours)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Hours, key, out _) += count;
        }
    }

    public void AddComplaint(Guid enterprise, string line, DateTimeOffset receivedAt) =>
        DayAt((enterprise, line, ChinaTime.DateOf(receivedAt))).Complaints++;

    private Day DayAt((Guid Enterprise, string Line, DateOnly Day) key)
    {
        ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(Days, key, out _);
        return day ??= new Day();
    }
}
