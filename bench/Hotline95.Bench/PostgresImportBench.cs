using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hotline95.Bench;

/// <summary>
/// The CDR import on PostgreSQL (issue 18): the real-shaped Asterisk file of <see cref="ImportBench"/> (default
/// 1,000,000 rows over 150 days), in one run on the same server:
/// <list type="bullet">
/// <item>the baseline: <c>psql -c "\copy cdr (…) FROM 'FILE' WITH (FORMAT csv)"</c>, timed from outside (process start to
/// exit), into a plain, unpartitioned, unencrypted table of a throwaway database, with the file's 18 columns
/// (start, answer and end as <c>timestamp</c>, duration and billsec as <c>integer</c>, the rest <c>text</c>) and an
/// identity id, carrying the same indexes as the product's <c>calls</c>: primary key (id, start) for ("Id", "StartedAt");
/// unique (dst, start, amaflags, uniqueid) for the dedup key ("EnterpriseId", "StartedAt", "SourceSystem", "SourceId");
/// (start, src) for the blind-index index ("StartedDay", "CustomerNumberIndex"); and (dst, uniqueid) WHERE
/// lastapp = 'cti' for the CTI index ("EnterpriseId", "SourceId") WHERE "SourceSystem" = 'cti', which no imported row
/// enters in either table. No roll-ups, no encryption, no dedup check beyond the unique index;</item>
/// <item>the product's import (<c>hotline95 calls import</c>'s handler: parsed, sealed with AES-GCM, blind-indexed,
/// deduplicated, rolled up per day and hour) into a fresh migrated database of its own, in a child process with the
/// product's Server GC, with its rate and whole-process peak.</item>
/// </list>
/// Target: the import at least 0.5 × the <c>\copy</c> rate. The server is the one HOTLINE95_BENCH_POSTGRES (else
/// HOTLINE95_TEST_POSTGRES) names, with whatever settings it runs with (printed): both sides run on it alike.
/// </summary>
public static class PostgresImportBench
{
    private const string Columns =
        "accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, \"end\", duration, billsec, disposition, amaflags, uniqueid, userfield";

    public static async Task<int> RunAsync(long rows, int days)
    {
        var admin = Environment.GetEnvironmentVariable("HOTLINE95_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("HOTLINE95_TEST_POSTGRES") is { Length: > 0 } test ? test
            : null;
        if (admin is null)
        {
            Console.Error.WriteLine("import-pg needs a PostgreSQL admin connection string in HOTLINE95_BENCH_POSTGRES or HOTLINE95_TEST_POSTGRES");
            return 2;
        }

        BenchEnvironment.Header("CDR import on PostgreSQL",
            $"{rows:N0} Asterisk rows over {days} days → PostgreSQL through COPY: ≥ 0.5 × psql \\copy of the same file into a plain table with the calls table's indexes");
        var file = ImportBench.HotlineFile(rows, days);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            Console.WriteLine($"server: {connection.PostgreSqlVersion}, {string.Join(", ", await SettingsAsync(connection))}");
        }

        var copyRate = await WithDatabaseAsync(admin, CopyBaselineAsync(file));
        var (rate, peak) = await WithDatabaseAsync(admin, db => ImportBench.ImportInChildAsync(file, db));
        var ratio = rate / copyRate;
        Console.WriteLine($"{days} days: import {rate:N0} rows/s, psql \\copy {copyRate:N0} rows/s, ratio {ratio:F2} (target ≥ 0.50: {(ratio >= 0.5 ? "met" : "NOT met")}), " +
            $"whole-process peak {peak} MB");
        return ratio >= 0.5 ? 0 : 1;
    }

    private static async Task<IEnumerable<string>> SettingsAsync(NpgsqlConnection connection)
    {
        var settings = new List<string>();
        foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers", "max_wal_size" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            settings.Add($"{name}={await show.ExecuteScalarAsync()}");
        }

        return settings;
    }

    /// <summary>Runs <paramref name="use"/> against a throwaway database created for it (checkpointed first) and dropped after.</summary>
    private static async Task<T> WithDatabaseAsync<T>(string admin, Func<string, Task<T>> use)
    {
        var name = $"h95_bench_import_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }

        try
        {
            return await use(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The baseline (see the class): the plain table and its indexes, then psql's \copy of the file, timed from outside.</summary>
    private static Func<string, Task<double>> CopyBaselineAsync(string file) => async db =>
    {
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("""
                CREATE TABLE cdr (
                  id bigint GENERATED BY DEFAULT AS IDENTITY,
                  accountcode text, src text, dst text, dcontext text, clid text, channel text, dstchannel text, lastapp text, lastdata text,
                  start timestamp NOT NULL, answer timestamp, "end" timestamp, duration integer, billsec integer,
                  disposition text, amaflags text, uniqueid text, userfield text,
                  PRIMARY KEY (id, start));
                CREATE UNIQUE INDEX cdr_dedup ON cdr (dst, start, amaflags, uniqueid);
                CREATE INDEX cdr_caller ON cdr (start, src);
                CREATE INDEX cdr_cti ON cdr (dst, uniqueid) WHERE lastapp = 'cti';
                """, connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(db);
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"host={builder.Host} port={builder.Port} user={builder.Username} dbname={builder.Database}");
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add("ON_ERROR_STOP=1");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"\\copy cdr ({Columns}) FROM '{file}' WITH (FORMAT csv)");
        if (builder.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        var sw = Stopwatch.StartNew();
        using var psql = Process.Start(start) ?? throw new InvalidOperationException("psql did not start (PATH=/usr/lib/postgresql/15/bin:$PATH)");
        var output = await psql.StandardOutput.ReadToEndAsync();
        var errors = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        sw.Stop();
        if (psql.ExitCode != 0 || !output.StartsWith("COPY ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"psql \\copy failed ({psql.ExitCode}): {errors}{output}");
        }

        var count = long.Parse(output.Trim()["COPY ".Length..], CultureInfo.InvariantCulture);
        Console.WriteLine($"  psql \\copy: {count:N0} rows in {sw.Elapsed.TotalSeconds:F2} s");
        return count / sw.Elapsed.TotalSeconds;
    };
}
