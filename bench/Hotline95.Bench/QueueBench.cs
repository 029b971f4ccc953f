using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Demo;
using Hotline95.Core.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Bench;

/// <summary>
/// Issue 15, point 6: importing 1,000,000 queue_log lines runs at least as fast as the CDR import of the same number of rows.
/// Both are measured in this run, on SQLite, each into a fresh database. The queue_log is shaped like a real one: calls
/// arrive on a working-day curve over weeks in four queues, their events interleave in time (several calls in the queue at
/// once, agents rung and not answering, abandons of every length), agents log in, pause and log off, and the PBX restarts
/// now and then leaving callers it never logged out.
/// </summary>
public static class QueueBench
{
    private static readonly string[] Queues = ["support", "vip", "billing", "cards"];

    public static async Task<int> RunAsync(long lines)
    {
        BenchEnvironment.Header("queue_log import", $"{lines:N0} queue_log lines → SQLite, at least the rate of the CDR import of {lines:N0} rows (same run)");
        var queueLog = Path.Combine(Path.GetTempPath(), $"hotline95-bench-{lines}.queue_log");
        var cdr = Path.Combine(Path.GetTempPath(), $"hotline95-bench-{lines}.csv");
        if (!File.Exists(queueLog))
        {
            var sw = Stopwatch.StartNew();
            var written = WriteQueueLog(queueLog, lines);
            Console.WriteLine($"wrote {queueLog} ({new FileInfo(queueLog).Length / 1024 / 1024} MB, {written.Calls:N0} calls over {written.Days} days) in {sw.Elapsed.TotalSeconds:F1} s");
        }

        if (!File.Exists(cdr))
        {
            SyntheticCalls.WriteAsteriskFile(cdr, lines, "95528", new DateTime(2026, 3, 1, 0, 0, 0), TimeSpan.FromSeconds(2));
        }

        ParseOnly(queueLog);
        if (Environment.GetEnvironmentVariable("QUEUE_BENCH_PARSE_ONLY") == "1")
        {
            return 0;
        }

        double cdrRate;
        await using (var env = await BenchEnvironment.CreateAsync())
        {
            await using var scope = env.Services.CreateAsyncScope();
            var sw = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<ImportCallsHandler>().HandleAsync(new ImportCallsRequest(env.EnterpriseId, CdrFormat.Asterisk, [cdr],
                new UTF8Encoding(false), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), null, null, "bench"));
            sw.Stop();
            cdrRate = result.Value.Imported / sw.Elapsed.TotalSeconds;
            Console.WriteLine($"baseline CDR import: {result.Value.Imported:N0} rows in {sw.Elapsed.TotalSeconds:F2} s = {cdrRate:N0} rows/s (peak working set so far {BenchEnvironment.PeakMemoryMb()} MB)");
        }

        SqliteConnection.ClearAllPools();
        double queueRate;
        await using (var env = await BenchEnvironment.CreateAsync())
        {
            await using var scope = env.Services.CreateAsyncScope();
            var set = await scope.ServiceProvider.GetRequiredService<SetLineQueuesHandler>().HandleAsync(new SetLineQueuesRequest(env.EnterpriseId, "95528", Queues, "bench"));
            if (!set.IsSuccess)
            {
                throw new InvalidOperationException(set.Error.Message);
            }

            var sw = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<ImportQueuesHandler>().HandleAsync(
                new ImportQueuesRequest(env.EnterpriseId, QueueFormat.AsteriskQueueLog, [queueLog], new UTF8Encoding(false), "bench"));
            sw.Stop();
            var r = result.Value;
            var read = r.Counted + r.Unchanged + r.Skipped + r.Rejected;
            queueRate = read / sw.Elapsed.TotalSeconds;
            Console.WriteLine($"queue_log import: {read:N0} lines in {sw.Elapsed.TotalSeconds:F2} s = {queueRate:N0} lines/s (counted {r.Counted:N0}, skipped {r.Skipped:N0}, rejected {r.Rejected:N0}; peak working set so far {BenchEnvironment.PeakMemoryMb()} MB)");
            var figures = await scope.ServiceProvider.GetRequiredService<QueueFiguresHandler>().HandleAsync(new QueueReportRequest(env.EnterpriseId, "95528", null,
                new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), QueueGrouping.Queue));
            var t = figures.Value.Total;
            Console.WriteLine($"figures: offered {t.Offered:N0}, answered {t.Answered:N0}, abandoned {t.Abandoned:N0} ({t.ShortAbandoned:N0} short), unresolved {t.Unresolved:N0}; " +
                $"service level {t.ServiceLevel:P1}, ASA {t.AverageSpeedOfAnswer} s, abandonment {t.AbandonmentRate:P1}, AHT {t.AverageHandleTime} s");
        }

        Console.WriteLine($"queue_log lines/s ÷ CDR rows/s = {queueRate / cdrRate:F2} (target ≥ 1.00): {(queueRate >= cdrRate ? "met" : "NOT met")}");
        Console.WriteLine($"peak working set of the whole run: {BenchEnvironment.PeakMemoryMb()} MB");
        return 0;
    }

    /// <summary>Reading and parsing alone, no database: the floor under the import's time.</summary>
    private static void ParseOnly(string file)
    {
        var sw = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes();
        long events = 0;
        using (var stream = File.OpenRead(file))
        {
            foreach (var line in ImportQueuesHandler.Lines(stream, QueueFormat.AsteriskQueueLog, new UTF8Encoding(false)))
            {
                events += line.Event is null ? 0 : 1;
            }
        }

        Console.WriteLine($"parse only: {events:N0} events in {sw.Elapsed.TotalSeconds:F2} s = {events / sw.Elapsed.TotalSeconds:N0} lines/s, {(GC.GetTotalAllocatedBytes() - allocated) / Math.Max(1, events):N0} bytes allocated per line");
    }

    /// <summary>Writes about <paramref name="lines"/> lines in time order, streaming (pending events in a heap), and says how many calls and days.</summary>
    public static (long Calls, int Days) WriteQueueLog(string path, long lines)
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
                    Emit(open + i, $"NONE|{Queues[i % Queues.Length]}|{agent}|ADDMEMBER|");
                    Emit(open + 13 * 3600 + i, $"NONE|{Queues[i % Queues.Length]}|{agent}|REMOVEMEMBER|");
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
                var queue = Queues[rng.Next(Queues.Length)];
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
