using System.Diagnostics;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Hosting;
using Hotline95.Core.Reports;
using Hotline95.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline95.Bench;

/// <summary>
/// Issue 6: the annual report of a line with 36,500,000 calls (100,000 a day) rendered to PDF in under 10 s.
/// The data set is made by the product's own <c>demo seed --calls-per-day N --days 365</c>; set
/// HOTLINE95_BENCH_DATA to a directory to keep it between runs (seeding takes a while). The baseline printed
/// beside the figure is one aggregate scan of the same year's raw calls, which a report without roll-ups
/// would have to do at least once.
/// </summary>
public static class ReportBench
{
    public static async Task<int> RunAsync(long calls)
    {
        var perDay = (int)Math.Max(1, calls / 365);
        BenchEnvironment.Header("annual report", $"annual report of a line with {perDay * 365L:N0} calls ({perDay:N0} a day) to PDF: < 10 s");
        var data = Environment.GetEnvironmentVariable("HOTLINE95_BENCH_DATA") is { Length: > 0 } kept ? Directory.CreateDirectory(kept).FullName
            : Directory.CreateTempSubdirectory("hotline95-bench-report-").FullName;
        var settings = Hotline95Settings.Resolve(Environment.GetEnvironmentVariable("HOTLINE95_BENCH_DB"), data, _ => null).Value;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddHotline95Core(Hotline95Configuration.Build(settings), settings);
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync()).Match(_ => 0, e => throw new InvalidOperationException(e.Message));
            await scope.ServiceProvider.GetRequiredService<SeedDemoHandler>().HandleAsync();
        }

        var seeding = Stopwatch.StartNew();
        Hotline95.Core.Demo.SeedDemoCallsResult seeded;
        await using (var check = provider.CreateAsyncScope())
        {
            // A kept data set of the right size is measured as it is: generating 36.5 million rows again only to skip them takes long.
            var db = check.ServiceProvider.GetRequiredService<Hotline95DbContext>();
            var stored = await db.DailyFigures.Where(d => d.Line == SeedDemoCallsHandler.Line).SumAsync(d => (long)d.CallsIn + d.CallsOut);
            var lastDay = await db.DailyFigures.Where(d => d.Line == SeedDemoCallsHandler.Line).MaxAsync(d => (DateOnly?)d.Day);
            if (stored >= perDay * 365L && lastDay is { } day)
            {
                Console.WriteLine($"reusing the data set in {data}: {stored:N0} calls up to {day:yyyy-MM-dd}");
                seeded = new Hotline95.Core.Demo.SeedDemoCallsResult(SeedDemoCallsHandler.Line, day.AddDays(-364), day, stored, 0, (int)Math.Min(int.MaxValue, stored), 0);
                return await MeasureAsync(provider, seeded, data);
            }
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var lastPrinted = -1;
            var progress = new SyncProgress(p =>
            {
                var percent = (int)(100 * p.Rows / (perDay * 365L));
                if (percent / 10 != lastPrinted / 10)
                {
                    lastPrinted = percent;
                    Console.WriteLine($"  seeding: {p.Rows:N0} calls ({percent}%) after {seeding.Elapsed.TotalSeconds:N0} s");
                }
            });
            seeded = (await scope.ServiceProvider.GetRequiredService<SeedDemoCallsHandler>().HandleAsync(perDay, 365, progress)).Value;
        }

        Console.WriteLine($"data set: {seeded.Rows:N0} calls on {seeded.Line} from {seeded.From:yyyy-MM-dd} to {seeded.To:yyyy-MM-dd} " +
            $"({seeded.Imported:N0} imported now, {seeded.Duplicates:N0} already there) in {seeding.Elapsed.TotalSeconds:N0} s; {settings.Database.Describe()} in {data}");
        return await MeasureAsync(provider, seeded, data);
    }

    private static async Task<int> MeasureAsync(ServiceProvider provider, Hotline95.Core.Demo.SeedDemoCallsResult seeded, string data)
    {
        var times = new List<double>();
        byte[] pdf = [];
        AnnualReport? report = null;
        for (var run = 0; run < 3; run++)
        {
            await using var scope = provider.CreateAsyncScope();
            var enterprise = (await scope.ServiceProvider.GetRequiredService<EnterpriseDirectory>().FindAsync(SeedDemoHandler.Slug)).Value;
            var watch = Stopwatch.StartNew();
            report = (await scope.ServiceProvider.GetRequiredService<BuildAnnualReportHandler>()
                .HandleAsync(new AnnualReportRequest(enterprise.Id, seeded.Line, null, seeded.From, seeded.To, Partial: true))).Value;
            pdf = AnnualReportRenderer.Render(report, ReportFormat.Pdf).Content;
            times.Add(watch.Elapsed.TotalSeconds);
        }

        await File.WriteAllBytesAsync(Path.Combine(data, "annual-report.pdf"), pdf);
        Console.WriteLine($"report: {report!.Total.Calls:N0} calls, monthly average {report.Average.Calls?.ToString("N1", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} over {report.Average.Months} months, {pdf.Length:N0} bytes of PDF");
        Console.WriteLine($"annual report to PDF: {times.Order().ElementAt(1):F2} s median of 3 runs ({string.Join(", ", times.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}) (target < 10 s)");

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Hotline95DbContext>();
            var (from, to) = (ChinaTime.StartOfDay(seeded.From), ChinaTime.StartOfDay(seeded.To.AddDays(1)));
            var watch = Stopwatch.StartNew();
            var scanned = await db.Calls.Where(c => c.Line == seeded.Line && c.StartedAt >= from && c.StartedAt < to)
                .GroupBy(c => 1).Select(g => new { Count = g.Count(), Talk = g.Sum(c => (long)c.TalkSeconds) }).SingleAsync();
            Console.WriteLine($"baseline: one aggregate scan of the year's raw calls ({scanned.Count:N0} rows): {watch.Elapsed.TotalSeconds:F2} s");
        }

        return 0;
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
