using Hotline95.Core.Calendar;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;

namespace Hotline95.Core.Demo;

/// <summary>A call of the demo: inbound through a queue, or an agent's callback out to a missed caller.</summary>
public sealed record DemoCall(long Seq, string Line, CallDirection Direction, string? Queue, string Customer, string? CustomerName,
    DateTimeOffset Start, int WaitSeconds, bool Answered, string? Agent, int TalkSeconds)
{
    /// <summary>The PBX's id of the call (Asterisk uniqueid), the same in the CDR and the queue log.</summary>
    public string UniqueId => $"{Start.ToUnixTimeSeconds()}.{Seq}";

    public DateTimeOffset End => Start.AddSeconds(WaitSeconds + TalkSeconds);
}

/// <summary>An agent logged in to a line's queues from <paramref name="From"/> to <paramref name="To"/> (null: still logged in now).</summary>
public sealed record DemoShift(DemoLine Line, string Agent, DateTimeOffset From, DateTimeOffset? To);

public sealed record DemoDayTraffic(DayInfo Day, IReadOnlyList<DemoCall> Calls, IReadOnlyList<DemoShift> Shifts);

/// <summary>
/// The demo bank's traffic day by day, as <see cref="DemoProfile"/> shapes it: calls by the hour, fewer on weekends and
/// holidays (China's working-day calendar), answered less often and after longer waits when an hour is busy, callers who
/// call again after hanging up and customers who call back another day, and agents calling back missed callers. Only what
/// has ended by <c>now</c> is produced; callbacks still to come are left undone (they are the open callback list).
/// The same arguments give the same traffic.
/// </summary>
public sealed class DemoTraffic(DateOnly first, DateTimeOffset now, int callsPerDay, Func<DateOnly, DayInfo> dayOf, int seed = 95)
{
    private static readonly double WeightTotal = DemoProfile.HourWeights.Sum();

    public DateOnly First => first;

    public DateOnly Last => ChinaTime.DateOf(now);

    /// <summary>Roughly how many calls <see cref="Days"/> gives, for progress.</summary>
    public long Estimate => (long)(callsPerDay * 0.9 * (Last.DayNumber - first.DayNumber + 1));

    public IEnumerable<DemoDayTraffic> Days()
    {
        var callbacks = new PriorityQueue<DemoCall, DateTimeOffset>();
        var known = new List<string>();
        var seq = 0L;
        for (var date = first; date <= Last; date = date.AddDays(1))
        {
            var day = dayOf(date);
            var rng = new Random(unchecked((seed * 7919) + date.DayNumber));
            var (callsFactor, staffFactor) = DemoProfile.Factors(day);
            callsFactor *= 1 + (DemoProfile.DayNoise * ((2 * rng.NextDouble()) - 1));
            var calls = new List<DemoCall>();
            var shifts = new List<DemoShift>();
            foreach (var line in DemoProfile.Lines.Where(l => day.IsWorkday || !l.WorkdaysOnly))
            {
                var hours = new LineHours(line, callsPerDay, callsFactor, staffFactor);
                shifts.AddRange(Shifts(line, date, hours));
                foreach (var (call, callsAgain) in Inbound(line, date, hours, rng, known, () => ++seq))
                {
                    calls.Add(call);
                    if (!call.Answered && !callsAgain && Callback(call, line, hours, rng, () => ++seq) is { } callback)
                    {
                        callbacks.Enqueue(callback, callback.Start);
                    }
                }
            }

            var dayEnd = ChinaTime.StartOfDay(date.AddDays(1));
            while (callbacks.TryPeek(out _, out var at) && at < dayEnd)
            {
                calls.Add(callbacks.Dequeue());
            }

            yield return new DemoDayTraffic(day, calls, shifts);
        }
    }

    /// <summary>A line's expected calls and agents' capacity (calls) per hour of one day.</summary>
    private sealed class LineHours
    {
        public LineHours(DemoLine line, int callsPerDay, double callsFactor, double staffFactor)
        {
            for (var h = line.FirstHour; h < line.EndHour; h++)
            {
                Calls[h] = callsPerDay * line.Share * callsFactor * DemoProfile.HourWeights[h] / WeightTotal;
                Capacity[h] = callsPerDay * line.Share * staffFactor * DemoProfile.StaffWeights[h] / WeightTotal;
            }

            Pool = Math.Max(1, (int)Math.Ceiling(callsPerDay * line.Share * DemoProfile.StaffWeights.Max() / WeightTotal / DemoProfile.CallsPerAgentHour));
        }

        public double[] Calls { get; } = new double[24];
        public double[] Capacity { get; } = new double[24];

        /// <summary>The line's agents: as many as its busiest ordinary day puts on duty at once.</summary>
        public int Pool { get; }

        public double Load(int hour) => Capacity[hour] > 0 ? Calls[hour] / Capacity[hour] : 2;

        public int OnDuty(int hour) => Capacity[hour] <= 0 ? 0 : Math.Min(Pool, Math.Max(1, (int)Math.Ceiling(Capacity[hour] / DemoProfile.CallsPerAgentHour)));

        /// <summary>The extension of the <paramref name="slot"/>-th agent on duty on day <paramref name="date"/> (who works which slot rotates by day).</summary>
        public string Agent(DemoLine line, DateOnly date, int slot) => (line.FirstExtension + ((slot + date.DayNumber) % Pool)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Each agent slot's hours on duty as sessions: slot i works the hours in which more than i agents are on duty.</summary>
    private IEnumerable<DemoShift> Shifts(DemoLine line, DateOnly date, LineHours hours)
    {
        var dayStart = ChinaTime.StartOfDay(date);
        for (var slot = 0; slot < hours.Pool; slot++)
        {
            for (var h = 0; h < 24; h++)
            {
                if (slot >= hours.OnDuty(h) || (h > 0 && slot < hours.OnDuty(h - 1)))
                {
                    continue;
                }

                var end = h;
                while (end < 24 && slot < hours.OnDuty(end))
                {
                    end++;
                }

                var (from, to) = (dayStart.AddHours(h), dayStart.AddHours(end));
                if (from < now)
                {
                    yield return new DemoShift(line, hours.Agent(line, date, slot), from, to <= now ? to : null);
                }
            }
        }
    }

    /// <summary>The line's calls of the day in time order, each with whether its caller, not answered, calls again the same day.</summary>
    private IEnumerable<(DemoCall Call, bool CallsAgain)> Inbound(DemoLine line, DateOnly date, LineHours hours, Random rng, List<string> known, Func<long> next)
    {
        var dayStart = ChinaTime.StartOfDay(date);
        var arrivals = new PriorityQueue<string?, DateTimeOffset>();
        for (var h = line.FirstHour; h < line.EndHour; h++)
        {
            var expected = hours.Calls[h];
            var count = (int)expected + (rng.NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                arrivals.Enqueue(null, dayStart.AddHours(h).AddSeconds(rng.Next(3600)));
            }
        }

        var answeredToday = 0;
        while (arrivals.TryDequeue(out var redial, out var at))
        {
            var hour = (int)(at - dayStart).TotalHours;
            var load = hours.Load(hour);
            var customer = redial ?? (known.Count > 0 && rng.NextDouble() < DemoProfile.ReturningShare ? known[rng.Next(known.Count)] : NewNumber(rng));
            var name = rng.Next(4) == 0 ? SyntheticCalls.Name(rng) : null;
            var answered = rng.NextDouble() < DemoProfile.AnswerRate(load);
            var wait = Math.Max(1, DemoProfile.Exponential(rng, answered ? DemoProfile.MeanWaitAnswered(load) : DemoProfile.MeanWaitAbandoned(load)));
            var talk = answered ? DemoProfile.TalkSeconds(rng) : 0;
            var agent = answered ? hours.Agent(line, date, answeredToday++ % Math.Max(1, hours.OnDuty(hour))) : null;
            var call = new DemoCall(next(), line.Number, CallDirection.In, line.Queues[rng.Next(line.Queues.Count)], customer, name, at, wait, answered, agent, talk);
            var callsAgain = false;
            if (!answered && rng.NextDouble() < DemoProfile.RedialShare)
            {
                var again = call.End.AddMinutes(rng.Next(3, 91));
                var againHour = (int)(again - dayStart).TotalHours;
                if (againHour >= line.FirstHour && againHour < line.EndHour)
                {
                    arrivals.Enqueue(customer, again);
                    callsAgain = true;
                }
            }

            if (call.End > now)
            {
                continue;
            }

            if (known.Count < 50_000)
            {
                known.Add(customer);
            }
            else
            {
                known[rng.Next(known.Count)] = customer;
            }

            yield return (call, callsAgain);
        }
    }

    /// <summary>
    /// An agent calls a missed caller back (one who is not calling again): within minutes to hours when the line is
    /// staffed, else the next morning, and now and then only after a day or two. Null when nobody calls back, or not yet.
    /// </summary>
    private DemoCall? Callback(DemoCall missed, DemoLine line, LineHours hours, Random rng, Func<long> next)
    {
        if (rng.NextDouble() >= DemoProfile.CallbackShare)
        {
            return null;
        }

        var local = ChinaTime.ToChina(missed.End);
        var morning = ChinaTime.StartOfDay(DateOnly.FromDateTime(local.DateTime).AddDays(local.Hour >= 18 ? 1 : 0)).AddHours(8.5);
        var at = rng.NextDouble() < DemoProfile.LateCallbackShare ? missed.End.AddHours(26 + rng.Next(34))
            : local.Hour is >= 8 and < 18 ? missed.End.AddMinutes(rng.Next(10, 241))
            : morning.AddMinutes(rng.Next(150));
        var answered = rng.NextDouble() < DemoProfile.CallbackAnswered;
        var call = new DemoCall(next(), line.Number, CallDirection.Out, null, missed.Customer, null, at, rng.Next(5, 26), answered,
            hours.Agent(line, DateOnly.FromDateTime(local.DateTime), rng.Next(hours.Pool)), answered ? DemoProfile.TalkSeconds(rng, 90) : 0);
        return call.End <= now ? call : null;
    }

    /// <summary>A mobile number, or now and then a Shanghai landline.</summary>
    private static string NewNumber(Random rng) => rng.Next(8) == 0
        ? $"021{5 + rng.Next(2)}{rng.Next(1_000_000, 9_999_999)}"
        : $"1{3 + rng.Next(7)}{rng.Next(100_000_000, 999_999_999)}";
}
