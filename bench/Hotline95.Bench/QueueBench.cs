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
    private static readonly string[] Queues = SyntheticQueueLog.Queues;

    public static async Task<int> RunAsync(long lines)
    {
        BenchEnvironment.Header("queue_log import", $"{lines:N0} queue_log lines → SQLite, at least the rate of the CDR import of {lines:N0} rows (same run)");
        var queueLog = Path.Combine(Path.GetTempPath(), $"hotline95-bench-{lines}.queue_log");
        var cdr = Path.Combine(Path.GetTempPath(), $"hotline95-bench-{lines}.csv");
        if (!File.Exists(queueLog))
        {
            var sw = Stopwatch.StartNew();
            var written = SyntheticQueueLog.Write(queueLog, lines, Queues);
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
            // The same file again: every line is read, every stay it touches is looked up, nothing is counted twice.
            sw.Restart();
            var again = await scope.ServiceProvider.GetRequiredService<ImportQueuesHandler>().HandleAsync(
                new ImportQueuesRequest(env.EnterpriseId, QueueFormat.AsteriskQueueLog, [queueLog], new UTF8Encoding(false), "bench"));
            sw.Stop();
            Console.WriteLine($"re-import of the same file: {read / sw.Elapsed.TotalSeconds:N0} lines/s (counted {again.Value.Counted:N0}, already counted {again.Value.Unchanged:N0})");
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
}
