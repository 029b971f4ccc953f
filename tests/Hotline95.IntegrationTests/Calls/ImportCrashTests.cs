using System.Diagnostics;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Calls;

/// <summary>An import killed with SIGKILL mid-file and run again ends with exactly the file's rows.</summary>
public abstract class ImportCrashTests(DatabaseKind kind)
{
    private const int Rows = 150_000;

    [Fact]
    public async Task Import_KilledMidFileThenRerun_EndsWithEveryRowExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "lines", "add", "95528", "--name", "热线"))).ExitCode);
        var file = Path.Combine(database.DataDirectory, "big.csv");
        // Spans two months, so the import needs a second month key while rows are being written.
        SyntheticCalls.WriteAsteriskFile(file, Rows, "95528", new DateTime(2026, 3, 25, 8, 0, 0), TimeSpan.FromSeconds(7));

        using (var process = StartImport(database, file))
        {
            var killedAt = await WaitForSomeRowsThenKillAsync(process, database);
            Assert.InRange(killedAt, 1, Rows - 1); // killed in the middle, not before or after
        }

        var rerun = await CliRunner.RunAsync(CliRunner.On(database, "calls", "import", "--format", "asterisk", file));

        Assert.Equal(0, rerun.ExitCode);
        await using var db = database.OpenContext();
        Assert.Equal(Rows, await db.Calls.CountAsync());
        Assert.Equal(Rows, await db.Calls.Select(c => c.SourceId).Distinct().CountAsync());
    }

    private static Process StartImport(TestDatabase database, string file)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hotline95.dll"),
            "calls", "import", "--format", "asterisk", file, "--db", database.DbArgument, "--data", database.DataDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("could not start hotline95");
    }

    private static async Task<int> WaitForSomeRowsThenKillAsync(Process process, TestDatabase database)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            await using var db = database.OpenContext();
            int count;
            try
            {
                count = await db.Calls.CountAsync();
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException or InvalidOperationException)
            {
                count = 0; // the first migration is still running
            }

            if (count > 0)
            {
                process.Kill(); // SIGKILL: no cleanup, no flush
                await process.WaitForExitAsync();
                await using var after = database.OpenContext();
                return await after.Calls.CountAsync();
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"the import finished or stalled before it could be killed: {await process.StandardError.ReadToEndAsync()}");
    }

}

public sealed class ImportCrashTestsOnSqlite() : ImportCrashTests(DatabaseKind.Sqlite);

public sealed class ImportCrashTestsOnPostgres() : ImportCrashTests(DatabaseKind.Postgres);
