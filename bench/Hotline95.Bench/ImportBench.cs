using System.Diagnostics;
using System.Text;
using Hotline95.Core.Calls;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Bench;

/// <summary>
/// The CDR import on data shaped like a real hotline (issue 18): 1,000,000 Asterisk rows spread over 30, 150 and 365
/// days, 50,000 distinct callers, a caller name on every row, 20% unanswered. For each span, in one run: the product's
/// import (encrypted, blind-indexed, rolled up) in a process of its own, so that its whole-process peak is its own, and
/// the sqlite3 shell's bare <c>.import</c> of the same file into an unindexed table. Targets on 2 cores: at least 0.5
/// of the bare import, and a peak under 300 MB whatever the span.
/// </summary>
public static class ImportBench
{
    public static readonly int[] Spans = [30, 150, 365];

    public static async Task<int> RunAsync(long rows, int[]? spans = null)
    {
        BenchEnvironment.Header("CDR import", $"{rows:N0} Asterisk rows → SQLite over 30/150/365 days: ≥ 0.5 × sqlite3 .import of the same file, whole-process peak < 300 MB");
        var failures = 0;
        foreach (var days in spans ?? Spans)
        {
            var file = HotlineFile(rows, days);
            var bare = BareSqliteImport(file);
            var (rate, peak) = await ImportInChildAsync(file);
            var ratio = rate / bare;
            Console.WriteLine($"{days,3} days: import {rate:N0} rows/s, sqlite3 .import {bare:N0} rows/s, ratio {ratio:F2} (target ≥ 0.50: {(ratio >= 0.5 ? "met" : "NOT met")}), " +
                $"whole-process peak {peak} MB (target < 300 MB: {(peak < 300 ? "met" : "NOT met")})");
            failures += ratio >= 0.5 && peak < 300 ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// The real-shaped file of <paramref name="rows"/> rows over <paramref name="days"/> days on line 95528, written once
    /// and kept in the temporary folder for the next run. A span reaching past today starts earlier: the import
    /// refuses calls that have not happened yet.
    /// </summary>
    public static string HotlineFile(long rows, int days)
    {
        var first = new DateOnly(2026, 1, 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        first = first.AddDays(days) > today ? today.AddDays(-days - 1) : first;
        var file = Path.Combine(Path.GetTempPath(), $"hotline95-bench-hotline-{rows}-{days}d{(first == new DateOnly(2026, 1, 1) ? "" : $"-{first:yyyyMMdd}")}.csv");
        if (!File.Exists(file))
        {
            var sw = Stopwatch.StartNew();
            SyntheticCalls.WriteHotlineFile(file, rows, "95528", first, days);
            Console.WriteLine($"wrote {file} ({new FileInfo(file).Length / 1024 / 1024} MB) in {sw.Elapsed.TotalSeconds:F1} s");
        }

        return file;
    }

    /// <summary>
    /// The child's part: one encrypted import of <paramref name="file"/> into a fresh database (SQLite in a temporary
    /// folder, or the PostgreSQL database <paramref name="db"/> names, migrated here), then its rate and this process's peak.
    /// </summary>
    public static async Task<int> ImportOneAsync(string file, string? db = null)
    {
        await using var env = await BenchEnvironment.CreateAsync(db);
        await using var scope = env.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<ImportCallsHandler>();
        ImportProfile.Reset();
        using var sampling = new CancellationTokenSource();
        var peaks = new Dictionary<string, long>();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                foreach (var (key, kb) in ProcStatus())
                {
                    peaks[key] = Math.Max(peaks.GetValueOrDefault(key), kb);
                }

                try
                {
                    await Task.Delay(50, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var sw = Stopwatch.StartNew();
        var result = await handler.HandleAsync(new ImportCallsRequest(env.EnterpriseId, CdrFormat.Asterisk, [file], new UTF8Encoding(false),
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), null, null, "bench"));
        sw.Stop();
        await sampling.CancelAsync();
        await sampler;
        var rate = result.Value.Imported / sw.Elapsed.TotalSeconds;
        using (var self = Process.GetCurrentProcess())
        {
            Console.WriteLine($"  import: {result.Value.Imported:N0} rows in {sw.Elapsed.TotalSeconds:F2} s = {rate:N0} rows/s (rejected {result.Value.Rejected}); " +
                $"this process's CPU {self.TotalProcessorTime.TotalSeconds:F1} s (start-up and migration included)");
        }

        var gc = GC.GetGCMemoryInfo();
        if (env.Settings.Database.SqliteFile is { } database)
        {
            var wal = new FileInfo(database + "-wal");
            Console.WriteLine($"  WAL after the import: {(wal.Exists ? wal.Length / 1024 / 1024 : 0)} MB, database {new FileInfo(database).Length / 1024 / 1024} MB");
            Console.WriteLine($"  where the memory went: managed heap committed {gc.TotalCommittedBytes / 1024 / 1024} MB (peak of GC heap sizes {GC.GetTotalMemory(false) / 1024 / 1024} MB now), " +
                $"SQLite allocator high-water {SQLitePCL.raw.sqlite3_memory_highwater(0) / 1024 / 1024} MB");
        }
        else
        {
            Console.WriteLine($"  where the memory went: managed heap committed {gc.TotalCommittedBytes / 1024 / 1024} MB (GC heap {GC.GetTotalMemory(false) / 1024 / 1024} MB now)");
        }

        Console.WriteLine($"  GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {System.Runtime.GCSettings.LatencyMode}; gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalSeconds:F2} s");
        Console.WriteLine($"  sampled peaks (MB): {string.Join(", ", peaks.Select(p => $"{p.Key} {p.Value / 1024}"))}");
        if (ImportProfile.Enabled)
        {
            Console.WriteLine($"  phases: {ImportProfile.Report()}");
            Console.WriteLine($"  largest mappings now: {LargestMappings()}");
        }

        Console.WriteLine(FormattableString.Invariant($"RESULT rate={rate:F0} peak={BenchEnvironment.PeakMemoryMb()}"));
        return 0;
    }

    /// <summary>The mappings holding most of this process's resident memory (/proc/self/smaps), for diagnosis.</summary>
    private static string LargestMappings()
    {
        var mappings = new List<(string Name, long Kb)>();
        string? name = null;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[0].Contains('-', StringComparison.Ordinal) && !parts[0].EndsWith(':'))
            {
                var range = parts[0].Split('-');
                var size = (Convert.ToInt64(range[1], 16) - Convert.ToInt64(range[0], 16)) / 1024 / 1024;
                name = parts.Length >= 6 ? Path.GetFileName(parts[5]) : $"anon {parts[1]} {(size >= 1024 ? "≥1 GB" : size >= 60 ? "≥60 MB" : "<60 MB")}";
            }
            else if (parts[0] == "Rss:" && name is not null)
            {
                mappings.Add((name, long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return string.Join(", ", mappings.GroupBy(m => m.Name).Select(g => (g.Key, Kb: g.Sum(m => m.Kb), N: g.Count())).OrderByDescending(g => g.Kb).Take(12)
            .Select(g => $"{g.Key}×{g.N} {g.Kb / 1024} MB"));
    }

    /// <summary>This process's resident memory by kind (kB), from /proc/self/status.</summary>
    private static IEnumerable<(string Key, long Kb)> ProcStatus()
    {
        if (!File.Exists("/proc/self/status"))
        {
            yield break;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Rss", StringComparison.Ordinal) || line.StartsWith("VmRSS", StringComparison.Ordinal))
            {
                var parts = line.Split(':', StringSplitOptions.TrimEntries);
                yield return (parts[0], long.Parse(parts[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Runs <see cref="ImportOneAsync"/> in a process of its own (the product's Server GC) and returns its rate and peak.</summary>
    internal static async Task<(double Rate, long PeakMb)> ImportInChildAsync(string file, string? db = null)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ImportBench).Assembly.Location);
        }

        // The import runs in the product's executable (hotline95 calls import), a Microsoft.NET.Sdk.Web program whose
        // runtimeconfig sets Server GC; this benchmark's own is workstation. The child runs as the product would.
        start.Environment["DOTNET_gcServer"] = "1";
        start.ArgumentList.Add("import-one");
        start.ArgumentList.Add(file);
        if (db is not null)
        {
            start.ArgumentList.Add(db);
        }

        using var child = Process.Start(start)!;
        string? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result = line;
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await child.WaitForExitAsync();
        var fields = result?.Split(' ').Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1])
            ?? throw new InvalidOperationException($"the import child exited {child.ExitCode} without a result");
        return (double.Parse(fields["rate"], System.Globalization.CultureInfo.InvariantCulture), long.Parse(fields["peak"], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The sqlite3 shell's bare .import of the file into an unindexed table of 18 text columns (rows/s).</summary>
    private static double BareSqliteImport(string file)
    {
        var folder = Directory.CreateTempSubdirectory("hotline95-bench-sqlite3-").FullName;
        try
        {
            var start = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(folder, "bare.db"));
            var sw = Stopwatch.StartNew();
            using var shell = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start (apt-get install sqlite3)");
            var columns = string.Join(", ", Enumerable.Range(1, 18).Select(i => $"c{i}"));
            shell.StandardInput.WriteLine($"CREATE TABLE cdr({columns});");
            shell.StandardInput.WriteLine(".mode csv");
            shell.StandardInput.WriteLine($".import '{file}' cdr");
            shell.StandardInput.WriteLine("SELECT count(*) FROM cdr;");
            shell.StandardInput.Close();
            var output = shell.StandardOutput.ReadToEnd();
            shell.WaitForExit();
            sw.Stop();
            var count = long.Parse(output.Trim().Split('\n').Last(), System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"  sqlite3 .import: {count:N0} rows in {sw.Elapsed.TotalSeconds:F2} s");
            return count / sw.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
