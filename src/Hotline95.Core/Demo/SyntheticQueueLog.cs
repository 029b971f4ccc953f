using System.Text;

namespace Hotline95.Core.Demo;

/// <summary>
/// An Asterisk queue_log shaped like a real one, for benchmarks and fault tests: calls arrive on a working-day curve over
/// weeks in several queues, their events interleave in time (several callers waiting at once, agents rung and not
/// answering, abandons of every length), agents log in, pause and log off, and the PBX restarts each night, leaving the
/// callers it never logged out.
/// </summary>
public static class SyntheticQueueLog
{
    public static readonly string[] Queues = ["support", "vip", "billing", "cards"];

    /// <summary>Writes about <paramref name="lines"/> lines in time order, streaming (pending events in a heap), and says how many calls and days.</summary>
    public static (long Calls, int Days) Write(string path, long lines, IReadOnlyList<string> queues)
    {
        var rng = new Random(95);
        var pending = new PriorityQueue<string, (long At, long Seq)>();
        long seq = 0, written = 0, calls = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        void Emit(long at, string line) => pending.Enqueue($"{at}|{line}", (at, seq++));
        void FlushUntil(long at)
        {
            while (pending.TryPeek(out _, out var key) && key.At <= at)
            {
                writer.Write(pending.Dequeue());
                writer.Write('\n');
                written++;
            }
        }

        var agents = Enumerable.Range(8001, 40).Select(a => $"PJSIP/{a}").ToArray();
        var day = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));
        var days = 0;
        while (written + pending.Count < lines)
        {
            days++;
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var open = day.AddHours(8).ToUnixTimeSeconds();
            // Agents log in at 08:00 (a few through AGENTLOGIN), some pause over lunch, all leave at 21:00.
            foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
            {
                if (i % 5 == 0)
                {
                    Emit(open + i, $"{open + i}.{i}|NONE|{agent}|AGENTLOGIN|{agent}-{i:x8}");
                    Emit(open + 13 * 3600 + i, $"{open + i}.{i}|NONE|{agent}|AGENTLOGOFF|{agent}-{i:x8}|{13 * 3600}");
                }
                else
                {
                    Emit(open + i, $"NONE|{queues[i % queues.Count]}|{agent}|ADDMEMBER|");
                    Emit(open + 13 * 3600 + i, $"NONE|{queues[i % queues.Count]}|{agent}|REMOVEMEMBER|");
                }

                if (i % 3 == 0)
                {
                    Emit(open + 4 * 3600 + i * 7, $"NONE|NONE|{agent}|PAUSEALL|lunch");
                    Emit(open + 5 * 3600 + i * 7, $"NONE|NONE|{agent}|UNPAUSEALL|");
                }
            }

            // Calls from 08:00 to 21:00, busiest mid-morning and mid-afternoon; fewer at weekends.
            for (var t = open; t < open + 13 * 3600;)
            {
                var hour = (t - open) / 3600.0;
                var busy = 0.4 + Math.Exp(-Math.Pow(hour - 2.5, 2) / 2) + 0.8 * Math.Exp(-Math.Pow(hour - 6.5, 2) / 3);
                t += (long)Math.Max(1, -Math.Log(1 - rng.NextDouble()) * (weekend ? 60 : 14) / busy);
                FlushUntil(t);
                calls++;
                var id = $"{t}.{calls}";
                var queue = queues[rng.Next(queues.Count)];
                Emit(t, $"{id}|{queue}|NONE|ENTERQUEUE||1{3 + rng.Next(6)}{rng.Next(100_000_000, 999_999_999)}|{1 + rng.Next(5)}");
                var wait = (int)(-Math.Log(1 - rng.NextDouble()) * 25 * busy);
                for (var ring = 15; ring < wait; ring += 15)
                {
                    Emit(t + ring, $"{id}|{queue}|{agents[rng.Next(agents.Length)]}|RINGNOANSWER|15000");
                }

                var roll = rng.Next(100);
                if (roll < 80)
                {
                    var agent = agents[rng.Next(agents.Length)];
                    var talk = 30 + rng.Next(600);
                    Emit(t + wait, $"{id}|{queue}|{agent}|CONNECT|{wait}|{id}1|{Math.Min(wait, 15)}");
                    Emit(t + wait + talk, roll < 5
                        ? $"{id}|{queue}|{agent}|TRANSFER|8100|from-internal|{wait}|{talk}|1"
                        : $"{id}|{queue}|{agent}|{(roll % 2 == 0 ? "COMPLETECALLER" : "COMPLETEAGENT")}|{wait}|{talk}|1");
                }
                else if (roll < 97)
                {
                    Emit(t + wait, $"{id}|{queue}|NONE|ABANDON|1|1|{wait}");
                }
                else if (roll < 99)
                {
                    Emit(t + 300, $"{id}|{queue}|NONE|EXITWITHTIMEOUT|1|1|300");
                }

                // 1% never leave: the PBX restarts at the end of the day below.
            }

            var close = open + 13 * 3600 + 900;
            FlushUntil(close);
            Emit(close + 1, "NONE|NONE|NONE|QUEUESTART|");
            FlushUntil(close + 2);
            day = day.AddDays(1);
        }

        FlushUntil(long.MaxValue);
        return (calls, days);
    }
}
