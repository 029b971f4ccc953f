using Hotline95.Core.Calls;
using System.Runtime.InteropServices;
using Hotline95.Core.Common;

namespace Hotline95.Core.Monitoring;

/// <summary>What one call contributes to its day's and hour's figures. A call on no known line contributes nothing yet.</summary>
public readonly record struct CallContribution(string Line, CallDirection Direction, DateTimeOffset StartedAt, bool Answered, bool Missed, int TalkSeconds, int RingSeconds, byte[]? CallerIndex)
{
    public static CallContribution? Of(CallRecord call) => call.Line.Length == 0
        ? null
        : new CallContribution(call.Line, call.Direction, call.StartedAt, call.AnsweredAt is not null, call.Missed, call.TalkSeconds, call.RingSeconds, call.CustomerNumberIndex);
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
    }

    public Dictionary<(Guid Enterprise, string Line, DateOnly Day), Day> Days { get; } = [];
    public Dictionary<(Guid Enterprise, string Line, DateOnly Day, int Hour), int> Hours { get; } = [];

    private ((Guid Enterprise, string Line, DateOnly Day) Key, Day? Day) _last;

    public bool IsEmpty => Days.Values.All(d => d.IsZero) && Hours.Values.All(h => h == 0);

    /// <summary>
    /// Adds (sign +1) or takes back (sign −1) a call's contribution, and returns the day's figures it went to;
    /// callers only ever join a sketch.
    /// </summary>
    public Day Add(Guid enterprise, CallContribution call, int sign = 1)
    {
        var local = ChinaTime.ToChina(call.StartedAt);
        var date = DateOnly.FromDateTime(local.DateTime);
        var key = (enterprise, call.Line, date);
        Day day;
        if (_last.Day is not null && _last.Key == key)
        {
            day = _last.Day; // a bulk import adds thousands of calls in a row to the same line and day
        }
        else
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(Days, key, out _);
            day = slot ??= new Day();
            _last = (key, day);
        }

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
        foreach (var (key, from) in other.Days)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(Days, key, out _);
            var day = slot ??= new Day();
            day.CallsIn += from.CallsIn;
            day.CallsOut += from.CallsOut;
            day.Answered += from.Answered;
            day.Missed += from.Missed;
            day.TalkSeconds += from.TalkSeconds;
            day.RingSeconds += from.RingSeconds;
            day.Complaints += from.Complaints;
            if (from.Callers is not null)
            {
                CallerSketch.MergeInto(day.Callers ??= CallerSketch.Empty(), from.Callers);
            }
        }

        foreach (var (key, count) in other.Hours)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Hours, key, out _) += count;
        }
    }

    public void AddComplaint(Guid enterprise, string line, DateTimeOffset receivedAt)
    {
        var date = ChinaTime.DateOf(receivedAt);
        if (!Days.TryGetValue((enterprise, line, date), out var day))
        {
            day = new Day();
            Days[(enterprise, line, date)] = day;
        }

        day.Complaints++;
    }
}
