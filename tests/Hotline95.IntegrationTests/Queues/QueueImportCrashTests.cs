using System.Diagnostics;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Core.Queues;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Queues;

/// <summary>A queue import killed with SIGKILL mid-file and run again counts every stay exactly once in its roll-ups.</summary>
public abstract class QueueImportCrashTests(DatabaseKind kind)
{
    [Fact]
    public async Task ImportQueueLog_KilledMidFileThenRerun_RollupsMatchTheStaysExactly()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "lines", "add", "95528", "--name", "热线"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "lines", "queues", "95528", "--queues", string.Join(',', SyntheticQueueLog.Queues)))).ExitCode);
        var file = Path.Combine(database.DataDirectory, "queue_log");
        SyntheticQueueLog.Write(file, 120_000, SyntheticQueueLog.Queues);
        var enters = File.ReadLines(file).Count(l => l.Contains("|ENTERQUEUE|", StringComparison.Ordinal));

        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hotline95.dll"), "queues", "import", "--format", "asterisk-queue-log", file,
            "--db", database.DbArgument, "--data", database.DataDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["HOTLINE95_Queues__ImportBatchLines"] = "2000" },
        };
        using (var process = Process.Start(info)!)
        {
            var killedAt = await WaitForSomeStaysThenKillAsync(process, database);
            Assert.InRange(killedAt, 1, enters - 1); // killed in the middle
        }

        var rerun = await CliRunner.RunAsync(CliRunner.On(database, "queues", "import", "--format", "asterisk-queue-log", file));

        Assert.Equal(0, rerun.ExitCode);
        await using var db = database.OpenContext();
        var stays = await db.QueueCalls.AsNoTracking().ToListAsync();
        var hours = await db.QueueHours.AsNoTracking().ToListAsync();
        Assert.Equal(enters, stays.Count);
        Assert.Equal(stays.Count, hours.Sum(h => h.Offered));
        Assert.Equal(stays.Count(s => s.State == QueueCallState.Answered), hours.Sum(h => h.Answered));
        Assert.Equal(stays.Count(s => s.State == QueueCallState.Abandoned), hours.Sum(h => h.Abandoned));
        Assert.Equal(stays.Sum(s => (long)(s.TalkSeconds ?? 0)), hours.Sum(h => h.TalkSeconds));
        Assert.Equal(stays.Where(s => s.State == QueueCallState.Answered).Sum(s => (long)(s.HoldSeconds ?? 0)), hours.Sum(h => h.HoldSeconds));
    }

    private static async Task<int> WaitForSomeStaysThenKillAsync(Process process, TestDatabase database)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            await using var db = database.OpenContext();
            int count;
            try
            {
                count = await db.QueueCalls.CountAsync();
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException or InvalidOperationException)
            {
                count = 0;
            }

            if (count > 0)
            {
                process.Kill(); // SIGKILL: no cleanup, no flush
                await process.WaitForExitAsync();
                await using var after = database.OpenContext();
                return await after.QueueCalls.CountAsync();
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"the import finished or stalled before it could be killed: {await process.StandardError.ReadToEndAsync()}");
    }
}

public sealed class QueueImportCrashTestsOnSqlite() : QueueImportCrashTests(DatabaseKind.Sqlite);

public sealed class QueueImportCrashTestsOnPostgres() : QueueImportCrashTests(DatabaseKind.Postgres);
